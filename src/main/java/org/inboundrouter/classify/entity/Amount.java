package org.inboundrouter.classify.entity;

import java.math.BigDecimal;

/**
 * A sum of money mentioned in a message.
 *
 * @param value    the amount (100.50元 is 100.50, 1.5万 is 15000, 两块五 is 2.5)
 * @param currency ISO 4217 code: CNY, USD, EUR, HKD, TWD, GBP, JPY; ¥, 元, 块 and RMB mean CNY, $ alone USD
 * @param text     the amount as written, currency marker included (￥１００, 人民币100元, US$12.50)
 * @param start    offset of the first char of {@code text} in the message text (inclusive)
 * @param end      offset after its last char (exclusive)
 */
public record Amount(BigDecimal value, String currency, String text, int start, int end) {
}
