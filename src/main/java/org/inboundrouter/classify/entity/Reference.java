package org.inboundrouter.classify.entity;

/**
 * A transaction, order, serial or reference number mentioned in a message.
 *
 * @param kind  {@code transaction} (交易号, 支付单号, txn id), {@code order} (订单号, 单号, 商户单号, order no.),
 *              {@code serial} (流水号, 交易流水号) or {@code reference} (参考号, ref, reference number)
 * @param value the id itself, full-width characters made ASCII (ＴＸ１２３４５６ is TX123456)
 * @param text  the label and the id as written (交易号：20240503123456); just the number for an id found without a
 *              label, a few characters after 交易/订单
 * @param start offset of the first char of {@code text} in the message text (inclusive)
 * @param end   offset after its last char (exclusive)
 */
public record Reference(String kind, String value, String text, int start, int end) {
}
