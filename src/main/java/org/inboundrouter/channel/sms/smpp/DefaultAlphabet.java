package org.inboundrouter.channel.sms.smpp;

/**
 * What data_coding 0 ("SMSC default alphabet") means on a given SMSC: SMPP leaves it to the operator. Most deliver
 * the GSM 03.38 alphabet one septet per octet; some use Latin-1 or plain ASCII.
 */
public enum DefaultAlphabet {
    GSM7, LATIN1, ASCII
}
