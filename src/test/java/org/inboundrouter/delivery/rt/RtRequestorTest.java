package org.inboundrouter.delivery.rt;

import org.inboundrouter.model.Party;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RtRequestorTest {

    private static String of(String address, String kind) {
        return RtRequestor.of(Party.of(address), kind, "customers.invalid");
    }

    @Test
    void anEmailAddressIsTheRequestorWhateverTheChannel() {
        assertThat(of("zhangsan@example.cn", "email")).isEqualTo("zhangsan@example.cn");
        assertThat(of(" Li.Si+wallet@mail.example.com ", "form")).isEqualTo("Li.Si+wallet@mail.example.com");
    }

    @Test
    void aPhoneNumberLosesItsPlusOnly() {
        assertThat(of("+8613800138000", "sms")).isEqualTo("sms+8613800138000@customers.invalid");
    }

    @Test
    void anIdThatHadToChangeGetsAHashSoDistinctIdsStayDistinct() {
        String upper = of("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "wechat");
        String lower = of("oupf8umuajo_m2pxb1q9znjwes6o", "wechat");
        assertThat(lower).isEqualTo("wechat+oupf8umuajo_m2pxb1q9znjwes6o@customers.invalid");
        assertThat(upper).matches("wechat\\+oupf8umuajo_m2pxb1q9znjwes6o\\.[0-9a-f]{8}@customers\\.invalid")
                .isNotEqualTo(lower);
        assertThat(of("@alice", "x")).matches("x\\+_alice\\.[0-9a-f]{8}@customers\\.invalid");
        assertThat(of("+86 138 0013 8000", "sms")).matches("sms\\+_86_138_0013_8000\\.[0-9a-f]{8}@customers\\.invalid");
    }

    @Test
    void itIsStableAndFitsTheLocalPartLimit() {
        String id = "x".repeat(200);
        String address = of(id, "messenger");
        assertThat(address).isEqualTo(of(id, "messenger"));
        assertThat(address.substring(0, address.indexOf('@'))).hasSize(64);
    }

    @Test
    void aMissingAddressOrKindStillGivesAValidAddress() {
        assertThat(RtRequestor.of(null, null, "customers.invalid")).matches("unknown\\+unknown\\.[0-9a-f]{8}@customers\\.invalid");
    }
}
