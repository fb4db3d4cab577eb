#!/usr/bin/env python3
"""Writes N distinct support mails for the crash test, and the expectations the verifier checks them against.

usage: gen-mails.py N SEED OUTDIR

OUTDIR/mails/NNNNNN.eml   the mails, in the order they are to be delivered (load.sh keeps that order as UIDs)
OUTDIR/expected.tsv       one line a mail: message-id, parent message-id (empty for a new conversation), root
                          message-id (the mail that opens the ticket), charset

Every mail has a unique Message-ID. About a quarter are replies (In-Reply-To and References to an earlier mail of
the same customer, "Re:" subject, quoted history) so that threading is exercised across restarts; about one in six
is GBK-encoded with an encoded-word subject, as older Chinese mailers send them. Bodies come from a small set of
Chinese and English templates covering several categories, varied by a per-mail number.
"""
import base64
import email.utils
import os
import random
import sys
from datetime import datetime, timedelta, timezone

ZH = [
    ("充值失败", "我昨天充值了{amount}元但是显示充值失败，交易号{ref}，钱已经扣了，请尽快处理。"),
    ("提现一直没有到账", "我在{day}申请提现{amount}元到银行卡，到现在还没有到账，流水号{ref}，请帮忙查一下。"),
    ("账户被冻结了", "我的账户突然被冻结了，无法登录也无法转账，账号尾号{tail}，请问怎么解冻？"),
    ("申请退款", "订单{ref}重复扣款了{amount}元，我要申请退款，麻烦尽快退回原支付方式。"),
    ("忘记密码无法登录", "我忘记了登录密码，收不到短信验证码，手机尾号{tail}，请帮我重置密码。"),
    ("转账对方没收到", "我给朋友转账{amount}元，显示成功但对方没收到，交易号{ref}。"),
    ("余额不对", "我的余额少了{amount}元，没有任何消费记录，请核实账户尾号{tail}的余额。"),
    ("银行卡绑定失败", "绑定银行卡时一直提示验证失败，卡号尾号{tail}，已经试了好几次了。"),
]
EN = [
    ("Top-up failed", "I topped up {amount} USD yesterday but the recharge failed and the money was taken. "
                      "Transaction {ref}. Please fix this."),
    ("Withdrawal not received", "I requested a withdrawal of {amount} USD to my bank on {day} and it has not "
                                "arrived yet. Reference {ref}."),
    ("Account locked", "My account is locked and I cannot log in. Account ending {tail}. How do I unlock it?"),
    ("Refund request", "I was charged twice for order {ref} ({amount} USD). I would like a refund please."),
    ("Forgot password", "I forgot my password and the reset code never arrives. Phone ending {tail}."),
    ("Suspicious transaction", "There is a payment of {amount} USD I did not make, reference {ref}. "
                               "I think my account was stolen, please freeze it urgently."),
]
ZH_REPLIES = ["还是没有处理好，请尽快回复，交易号{ref}。", "补充一下：截图已附上说明，金额是{amount}元。",
              "已经三天了还没有结果，我很着急。"]
EN_REPLIES = ["Any update on this? It is still not resolved ({ref}).", "Adding details: the amount was {amount} USD.",
              "This has taken three days now, please hurry."]


def main():
    n, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(seed)
    mails_dir = os.path.join(out, "mails")
    os.makedirs(mails_dir, exist_ok=True)
    customers = [(f"customer{i:04d}@example.{'cn' if i % 2 else 'com'}", f"Customer {i}") for i in range(max(20, n // 6))]
    start = datetime(2025, 1, 6, 8, 0, tzinfo=timezone.utc)
    sent = []  # (message-id, root message-id, customer, subject, lang, body)
    rows = []
    for i in range(n):
        mid = f"crash-{seed}-{i:06d}@test.inbound-router.invalid"
        date = start + timedelta(seconds=37 * i)
        fill = dict(amount=rnd.choice([50, 100, 200, 500, 1000, 3000]), ref=f"{seed % 1000:03d}{i:08d}",
                    tail=f"{rnd.randrange(10000):04d}", day=rnd.randint(1, 28))
        # replies only to mails a few positions back or more: the parent is always delivered (and has a lower UID)
        if i >= 10 and rnd.random() < 0.25:
            parent = sent[rnd.randrange(0, i - 5)]
            parent_mid, root_mid, customer, subject, lang, parent_body = parent
            subject = subject if subject.lower().startswith("re:") else "Re: " + subject
            body = rnd.choice(ZH_REPLIES if lang == "zh" else EN_REPLIES).format(**fill)
            when = email.utils.format_datetime(date - timedelta(hours=1))
            quote = "\n".join("> " + line for line in parent_body.splitlines())
            body += ("\n\n在 " + when + "，" + customer[1] + " 写道：\n" if lang == "zh"
                     else "\n\nOn " + when + ", " + customer[1] + " wrote:\n") + quote + "\n"
            refs = f"<{parent_mid}>" if root_mid == parent_mid else f"<{root_mid}> <{parent_mid}>"
            headers = [("In-Reply-To", f"<{parent_mid}>"), ("References", refs)]
        else:
            parent_mid, root_mid = "", mid
            customer = rnd.choice(customers)
            lang = "zh" if rnd.random() < 0.6 else "en"
            title, text = rnd.choice(ZH if lang == "zh" else EN)
            fill["day"] = f"{fill['day']}号" if lang == "zh" else f"January {fill['day']}"
            subject = f"{title} {fill['ref']}"
            body = text.format(**fill) + ("\n\n张先生" if lang == "zh" else "\n\nBest regards,\n" + customer[1]) + "\n"
            headers = []
        charset = "gbk" if lang == "zh" and rnd.random() < 0.3 else "utf-8"
        sent.append((mid, root_mid, customer, subject, lang, body))
        rows.append((mid, parent_mid, root_mid, charset))
        with open(os.path.join(mails_dir, f"{i:06d}.eml"), "wb") as f:
            f.write(render(mid, date, customer, subject, body, charset, headers))
    with open(os.path.join(out, "expected.tsv"), "w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")


def render(mid, date, customer, subject, body, charset, extra):
    label = "GBK" if charset == "gbk" else "UTF-8"
    encoded_subject = "=?%s?B?%s?=" % (label, base64.b64encode(subject.encode(charset)).decode())
    lines = [
        ("From", f"{customer[1]} <{customer[0]}>"),
        ("To", "support@localhost"),
        ("Subject", encoded_subject),
        ("Date", email.utils.format_datetime(date)),
        ("Message-ID", f"<{mid}>"),
        *extra,
        ("MIME-Version", "1.0"),
        ("Content-Type", f"text/plain; charset={label}"),
        ("Content-Transfer-Encoding", "base64"),
    ]
    head = "".join(f"{k}: {v}\r\n" for k, v in lines)
    b64 = base64.encodebytes(body.replace("\n", "\r\n").encode(charset)).decode().replace("\n", "\r\n")
    return (head + "\r\n" + b64).encode("ascii")


if __name__ == "__main__":
    main()
