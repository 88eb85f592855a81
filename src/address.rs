//! Who a message goes to: a phone number in international form (E.164), or a business-scoped
//! user ID (BSUID). Read by the send checks and by pricing, which needs the number's calling
//! code for the market and knows no market for a user ID.

/// The digits of an E.164 number, or why it is not one.
pub fn e164_digits(number: &str) -> Result<String, String> {
    let mut buf = [0u8; 15];
    e164_digits_in(number, &mut buf).map(str::to_string)
}

/// [`e164_digits`] written into `buf`, without allocating: pricing reads a million numbers a
/// campaign.
pub fn e164_digits_in<'b>(number: &str, buf: &'b mut [u8; 15]) -> Result<&'b str, String> {
    let trimmed = number.trim();
    if let Some(c) = trimmed.chars().find(|c| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'))) {
        return Err(format!("`{number}` is not a phone number: it contains `{c}`"));
    }
    if trimmed.chars().skip(1).any(|c| c == '+') {
        return Err(format!("`{number}` is not a phone number: `+` stands only at the start"));
    }
    let mut len = 0;
    for b in trimmed.bytes().filter(u8::is_ascii_digit) {
        if let Some(slot) = buf.get_mut(len) {
            *slot = b;
        }
        len += 1;
    }
    if buf[0] == b'0' && len > 0 {
        return Err(format!("`{number}` starts with 0: write it with its country code, without the trunk prefix"));
    }
    if !(8..=15).contains(&len) {
        return Err(format!("`{number}` has {len} digits; an international number has 8 to 15"));
    }
    // ASCII digits only, so always text.
    std::str::from_utf8(&buf[..len]).map_err(|e| e.to_string())
}

/// A business-scoped user ID: letters, a dot, then letters and digits (`US.13491208655302741918`;
/// a parent BSUID `US.ENT.11815799212886844830`; Meta's 2025 example `user.9373…`) (M-BSUID).
pub fn is_user_id(s: &str) -> bool {
    let Some((scope, id)) = s.split_once('.') else { return false };
    !scope.is_empty()
        && scope.bytes().all(|b| b.is_ascii_alphabetic())
        && !id.is_empty()
        && !id.ends_with('.')
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_numbers_are_explained() {
        for bad in ["0039 333 1234567", "+39 abc", "+39 12", "39+333", ""] {
            assert!(e164_digits(bad).is_err(), "{bad}");
        }
        assert_eq!(e164_digits("+55 (11) 98765-4321").unwrap(), "5511987654321");
    }

    #[test]
    fn user_ids() {
        assert!(is_user_id("user.9373795779eb6441c8adb2eaee5b848e7dd174ddd302d7db62142f4722d574b6"));
        assert!(is_user_id("US.13491208655302741918"));
        assert!(is_user_id("US.ENT.11815799212886844830"));
        assert!(!is_user_id("US.ENT."));
        assert!(!is_user_id("+39 333 123 4567"));
        assert!(!is_user_id("abc"));
        assert!(!is_user_id("user."));
        assert!(!is_user_id("us er.123"));
    }
}
