//! WP50x–WP52x (a template's values at send time) and WP6xx (window, consent): what Meta
//! checks when a template or a free-form message is sent. The checks live in `src/params/` and
//! `src/send.rs`; each rule carries the Cloud API error code the send would most likely get.

use super::Rule;
use crate::diagnostic::{CloudError, Severity};

pub static UNFILLED_PARAMETER: Rule = Rule {
    code: "WP501",
    name: "unfilled-parameter",
    severity: Severity::Error,
    summary: "A placeholder of the template (header, body, URL button, copy code, carousel card) without a value.",
    why: "The number of parameters sent must match the template's placeholders, per component; otherwise Meta answers 132000 (M-ERR). Integrations often forget header and button parameters (chatwoot #4995).",
    help: "give a value for every placeholder, header and buttons included",
    fires: "a body `Hi {{1}}, order {{2}}` sent with one parameter",
    passes: "the same sent with two parameters",
    uncertain: false,
    meta_error: Some(CloudError::code(132000)),
};

pub static PARAMETER_WHITESPACE: Rule = Rule {
    code: "WP502",
    name: "parameter-whitespace",
    severity: Severity::Error,
    summary: "A text parameter with a line break, a tab, or more than 4 consecutive spaces.",
    why: "Meta rejects such values (\"Param text cannot have new-line/tab characters or more than 4 consecutive spaces\", netflie/whatsapp-cloud-api #201; Twilio 21656). Since Graph v23.0 invalid template parameters are reported as 132018 (M-CHG); that this message maps to 132018 is likely but not confirmed.",
    help: "replace line breaks and tabs with spaces, and collapse long runs of spaces",
    fires: r#"`{"type": "text", "text": "Via Roma 1\nMilano"}`"#,
    passes: r#"`{"type": "text", "text": "Via Roma 1, Milano"}`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(132018).or(&[100])),
};

pub static EMPTY_PARAMETER: Rule = Rule {
    code: "WP503",
    name: "empty-parameter",
    severity: Severity::Error,
    summary: "An empty or blank text parameter.",
    why: "Empty values are refused (Twilio 21656; Meta reports a missing required parameter, 131008, M-ERR).",
    help: "send a non-empty value",
    fires: r#"`{"type": "text", "text": " "}`"#,
    passes: r#"`{"type": "text", "text": "Ana"}`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(131008).or(&[100])),
};

pub static HEADER_PARAMETER_TOO_LONG: Rule = Rule {
    code: "WP504",
    name: "header-parameter-too-long",
    severity: Severity::Warning,
    summary: "A header text parameter longer than 60 characters.",
    why: "Meta's legacy parameter reference, reproduced by whatsapp-api-js, caps header parameters at 60 characters; current pages do not say (uncertain).",
    help: "shorten the value to 60 characters",
    fires: "a 61-character header parameter",
    passes: "a 60-character header parameter",
    uncertain: true,
    meta_error: Some(CloudError::code(132018)),
};

pub static BODY_PARAMETER_TOO_LONG: Rule = Rule {
    code: "WP505",
    name: "body-parameter-too-long",
    severity: Severity::Warning,
    summary:
        "A body text parameter longer than 1,024 characters (32,768 when the body is the template's only component).",
    why: "Limits from Meta's legacy parameter reference as reproduced by whatsapp-api-js (uncertain).",
    help: "shorten the value",
    fires: "a 1,025-character parameter in a template with a footer",
    passes: "a 1,025-character parameter in a body-only template (the hydrated body is then checked by WP506)",
    uncertain: true,
    meta_error: Some(CloudError::code(132018)),
};

pub static HYDRATED_BODY_TOO_LONG: Rule = Rule {
    code: "WP506",
    name: "hydrated-body-too-long",
    severity: Severity::Error,
    summary: "A body longer than 1,024 characters once the parameters are filled in.",
    why: "An approved template still fails at send time when its text with the values is too long: 132005 \"translated text too long\" (M-ERR; glific #3517).",
    help: "shorten the values, or the template's text",
    fires: "a 1,000-character body whose parameter adds 30 characters",
    passes: "the same body with a 20-character value",
    uncertain: false,
    meta_error: Some(CloudError::code(132005)),
};

pub static AUTHENTICATION_CODE_INVALID: Rule = Rule {
    code: "WP507",
    name: "authentication-code-invalid",
    severity: Severity::Error,
    summary: "An authentication code longer than 15 characters, or containing a link or an emoji.",
    why: "One-time codes are at most 15 characters and may contain no URLs or emoji (M-AUTH-CC, M-CAT); since 2023-06-01 such sends fail.",
    help: "send the bare code, at most 15 characters",
    fires: r#"`"text": "1234567890123456"`"#,
    passes: r#"`"text": "482913"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(132018).or(&[100])),
};

pub static COUPON_CODE_INVALID: Rule = Rule {
    code: "WP508",
    name: "coupon-code-invalid",
    severity: Severity::Error,
    summary: "A copy-code coupon that is empty or longer than 20 characters (15 before 2025-12-03); a warning for characters other than letters and digits.",
    why: "Copy-code buttons carry codes of at most 20 characters since 2025-12-03, 15 before (M-COUP, M-CHG; the date and both values are data in data/send-limits.json). Meta answers 132018 (seen for a 200-character Pix code). M-COUP asked for letters and digits only until its page of 2026-05-28, which no longer says so: other characters warn.",
    help: "send a code within the limit, of letters and digits to be safe",
    fires: r#"21 letters, or `"coupon_code": "SUMMER-SALE"` (a warning for the hyphen)"#,
    passes: r#"`"coupon_code": "SUMMER25"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(132018)),
};

pub static HYDRATED_URL_TOO_LONG: Rule = Rule {
    code: "WP509",
    name: "hydrated-url-too-long",
    severity: Severity::Error,
    summary: "A URL button longer than 2,000 characters once its suffix is appended.",
    why: "URL buttons are at most 2,000 characters (M-COMP); the parameter is appended to the base URL (PYWA `URLButton`).",
    help: "shorten the URL suffix",
    fires: "a 1,990-character base URL with a 20-character suffix",
    passes: "the same base URL with a 10-character suffix",
    uncertain: false,
    meta_error: Some(CloudError::code(132018)),
};

pub static BUTTON_PARAMETER_MISSING: Rule = Rule {
    code: "WP512",
    name: "button-parameter-missing",
    severity: Severity::Error,
    summary: "A button of the template that needs a value at send time without one: a URL button with `{{1}}`, a copy-code button, the one-time-code button of an authentication template, a catalog or multi-product button.",
    why: "Meta answers 131008 \"Required parameter is missing\" with \"buttons: Button at index 0 of type Url requires a parameter\" (PipedreamHQ/pipedream#5899, whatomate#501, chatwoot#12393), also for the code button of authentication templates (M-AUTH: the code goes in the body and in the button); a catalog template without its button gets 131008 too (Azure communication-services quickstarts#169). One 2026 report shows 132018 for the code button.",
    help: "add a `button` component with the button's `sub_type`, `index` and parameter",
    fires: "an authentication template sent with the code in the body only",
    passes: "the same with a `button` component, `sub_type` `url`, `index` 0 and the code",
    uncertain: false,
    meta_error: Some(CloudError::code(131008).or(&[132018])),
};

pub static URL_PARAMETER_NOT_ENCODED: Rule = Rule {
    code: "WP513",
    name: "url-parameter-not-encoded",
    severity: Severity::Warning,
    summary: "A URL button's value with a space, `:`, `|` or a non-ASCII letter, not percent-encoded.",
    why: "The value is put into the button's URL as written; Meta asks for it percent-encoded (`%20`, `%3A`, `%7C`, `%C3%A7`): \"unencoded special characters can cause the generated URL to fail validation, resulting in a message send error\" (M-COMP, 2026-06-24). No error code is given.",
    help: "percent-encode the value (encodeURIComponent in JavaScript)",
    fires: r#"`{"type": "text", "text": "Gonçalves"}` for a URL button"#,
    passes: r#"`{"type": "text", "text": "Gon%C3%A7alves"}`"#,
    uncertain: false,
    meta_error: None,
};

pub static EXTRA_PARAMETER: Rule = Rule {
    code: "WP510",
    name: "extra-parameter",
    severity: Severity::Error,
    summary: "More parameters than the component has placeholders, a named parameter the template does not use, or parameters for a component or button that takes none.",
    why: "Meta compares the number of parameters with the template's and answers 132000 on any difference (M-ERR; pywa #154: \"localizable_params (2) vs expected (1)\").",
    help: "send exactly the template's parameters",
    fires: "two body parameters for a body with one placeholder",
    passes: "one body parameter for a body with one placeholder",
    uncertain: false,
    meta_error: Some(CloudError::code(132000).or(&[132018])),
};

pub static PAYLOAD_TOO_LONG: Rule = Rule {
    code: "WP511",
    name: "payload-too-long",
    severity: Severity::Warning,
    summary: "A quick-reply button payload longer than 256 characters.",
    why: "Quick-reply payloads are capped at 256 characters (PYWA; tyntec's character limits), not stated on Meta's current pages.",
    help: "send a shorter payload, e.g. an id",
    fires: "a 257-character payload",
    passes: r#"`"payload": "unsubscribe-promos"`"#,
    uncertain: true,
    meta_error: Some(CloudError::code(132018)),
};

pub static INVALID_SEND_PAYLOAD: Rule = Rule {
    code: "WP520",
    name: "invalid-send-payload",
    severity: Severity::Error,
    summary: "A send request Meta cannot read: `messaging_product` other than `whatsapp`, or a field of the wrong JSON type (a string where an object belongs, an object for a text).",
    why: "The Graph API checks the JSON types of the request before anything else and answers 100 (\"Param interactive['header']['image'] must be a JSON object\", whatsapp-api-js#1; \"Param text['body'] must be a string\"); `messaging_product` is always `whatsapp` (M-SEND).",
    help: "follow the Cloud API message shape",
    fires: r#"`{"messaging_product": "whatsapp", "to": "393331234567", "type": "text", "text": {"body": {"content": "Hi"}}}`"#,
    passes: r#"`{"messaging_product": "whatsapp", "to": "393331234567", "type": "template", "template": {"name": "x", "language": {"code": "it"}}}`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(100)),
};

pub static TEMPLATE_NOT_FOUND: Rule = Rule {
    code: "WP521",
    name: "template-not-found",
    severity: Severity::Error,
    summary: "A template name and language that are not among the business's templates.",
    why:
        "Meta answers 132001 when the template does not exist in that language (M-ERR); a template exists per language.",
    help: "check the name and the language code against the approved templates",
    fires: "`order_update` in `it` when only `en_US` exists",
    passes: "`order_update` in `en_US`",
    uncertain: false,
    meta_error: Some(CloudError::code(132001)),
};

pub static TEMPLATE_NOT_APPROVED: Rule = Rule {
    code: "WP522",
    name: "template-not-approved",
    severity: Severity::Error,
    summary:
        "A template whose status is not APPROVED (pending, rejected, in appeal, deleted …), paused or disabled aside.",
    why: "Only approved templates can be sent; others get 132001 (M-OV, M-ERR).",
    help: "wait for approval or fix the template",
    fires: r#"a template with `"status": "PENDING"`"#,
    passes: r#"a template with `"status": "APPROVED"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(132001)),
};

pub static TEMPLATE_PAUSED: Rule = Rule {
    code: "WP523",
    name: "template-paused",
    severity: Severity::Error,
    summary: "A template whose status is PAUSED.",
    why: "Templates with low quality are paused for 3 or 6 hours; sends are rejected, not charged, with 132015 (M-PAUSE, M-ERR).",
    help: "wait for the pause to end, or send another template",
    fires: r#"a template with `"status": "PAUSED"`"#,
    passes: r#"a template with `"status": "APPROVED"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(132015)),
};

pub static TEMPLATE_DISABLED: Rule = Rule {
    code: "WP524",
    name: "template-disabled",
    severity: Severity::Error,
    summary: "A template whose status is DISABLED.",
    why: "A template paused a third time is disabled for good; sends get 132016 (M-PAUSE, M-ERR).",
    help: "create a new template",
    fires: r#"a template with `"status": "DISABLED"`"#,
    passes: r#"a template with `"status": "APPROVED"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(132016)),
};

pub static PARAMETER_FORMAT_MISMATCH: Rule = Rule {
    code: "WP526",
    name: "send-parameter-format-mismatch",
    severity: Severity::Error,
    summary: "Parameters in another format than the template's: named (`parameter_name`) for a positional template or the reverse, or a parameter type the component does not take (an image for a text header, text for a location header).",
    why: "Meta answers 132012 when parameter values are not in the format the template uses (M-ERR).",
    help: "send parameters the way the template defines them",
    fires: r#"`{"type": "text", "parameter_name": "first_name", "text": "Ana"}` for a positional template"#,
    passes: r#"`{"type": "text", "text": "Ana"}` for a positional template"#,
    uncertain: false,
    meta_error: Some(CloudError::code(132012).or(&[100])),
};

pub static INVALID_PARAMETER_VALUE: Rule = Rule {
    code: "WP527",
    name: "invalid-parameter-value",
    severity: Severity::Error,
    summary: "A parameter value Meta cannot use: currency without an integer `amount_1000` or a 3-letter code, date_time without `fallback_value`, media without `id` or `link` (or a non-https link), location without coordinates, a button `sub_type` or `index` that does not match the template's button.",
    why: "Since Graph v23.0 Meta reports invalid template parameters as 132018 (M-CHG); shapes from M-SEND, WA-NODE and PYWA.",
    help: "fix the parameter value",
    fires: r#"`{"type": "currency", "currency": {"fallback_value": "$10", "code": "USD", "amount_1000": 10.5}}`"#,
    passes: r#"`{"type": "currency", "currency": {"fallback_value": "$10.50", "code": "USD", "amount_1000": 10500}}`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(132018).or(&[131009, 100])),
};

pub static TEXT_TOO_LONG: Rule = Rule {
    code: "WP528",
    name: "text-too-long",
    severity: Severity::Error,
    summary: "A free-form text longer than its limit: a text message's body over 4,096 characters, a media caption over 1,024.",
    why: "`text.body` is at most 4,096 characters (M-TEXT; Meta answers 100 \"Param text['body'] must be at most 4096 characters long\"), captions at most 1,024 (M-IMG).",
    help: "shorten the text, or split the message",
    fires: "a 4,097-character text body, or a 1,025-character image caption",
    passes: "a 4,096-character text body",
    uncertain: false,
    meta_error: Some(CloudError::code(100).or(&[131009])),
};

pub static OUTSIDE_WINDOW: Rule = Rule {
    code: "WP601",
    name: "outside-window",
    severity: Severity::Error,
    summary: "A free-form (non-template) message to a user whose last message is more than 24 hours old, or who never wrote.",
    why: "Outside the 24-hour customer-service window only templates may be sent; other messages fail with 131047 (M-SEND, M-ERR).",
    help: "send an approved template instead",
    fires: "a text message 25 hours after the user's last message",
    passes: "a text message 2 hours after the user's last message, or any template",
    uncertain: false,
    meta_error: Some(CloudError::code(131047)),
};

pub static RECIPIENT_OPTED_OUT: Rule = Rule {
    code: "WP602",
    name: "recipient-opted-out",
    severity: Severity::Error,
    summary: "A template to a recipient who opted out of its category (or of all messages), on or off WhatsApp.",
    why: "Businesses must honour every request to stop messages, made on or off WhatsApp, at once (WhatsApp Business Messaging Policy; M-OPTIN). Meta does not know opt-outs made elsewhere, so there is no error code: the send goes through and harms quality.",
    help: "do not send; the recipient can opt back in (e.g. by writing START)",
    fires: r#"a marketing template to a recipient whose state has `"opted_out": ["marketing"]`"#,
    passes: "a utility template to the same recipient",
    uncertain: false,
    meta_error: None,
};

pub static MARKETING_STOPPED: Rule = Rule {
    code: "WP603",
    name: "marketing-stopped",
    severity: Severity::Error,
    summary: "A marketing template to a user who turned off marketing messages from this business in WhatsApp.",
    why: "Since 2024-11-22 users can stop marketing templates per business; sends then fail with 131050 and must not be retried (M-MKT, M-ERR).",
    help: "send utility or authentication templates only, until the user resumes offers",
    fires: r#"a marketing template to a recipient whose state has `"marketing_stopped": true`"#,
    passes: "a utility template to the same recipient",
    uncertain: false,
    meta_error: Some(CloudError::code(131050)),
};

pub static US_MARKETING_PAUSED: Rule = Rule {
    code: "WP604",
    name: "us-marketing-paused",
    severity: Severity::Error,
    summary: "A marketing template to a United States number (+1 with a US area code) on or after 2025-04-01.",
    why: "Meta pauses the delivery of marketing templates to US users from 2025-04-01, still listed on 2026-02-26 (M-PUL); the date is data (`data/consent.json`). Sends fail as per-user marketing limits (131049).",
    help: "send to US users with a utility template only when the content is utility",
    fires: "a marketing template to +1 212 555 0100 in 2025",
    passes: "the same template to +1 416 555 0100 (Toronto)",
    uncertain: false,
    meta_error: Some(CloudError::code(131049)),
};

pub static INVALID_RECIPIENT: Rule = Rule {
    code: "WP605",
    name: "invalid-recipient",
    severity: Severity::Error,
    summary: "A recipient `to` that is not an international number: letters, a leading 0 (trunk prefix) instead of the country code, fewer than 8 or more than 15 digits.",
    why: "Cloud API recipients are phone numbers with their country code (M-SEND); E.164 numbers have at most 15 digits; the market, and so the price, is read from the country code (M-PRICE).",
    help: "write the number with its country code, e.g. 393331234567",
    fires: r#"`"to": "0039 333 1234567"`"#,
    passes: r#"`"to": "+39 333 123 4567"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(100)),
};
