//! WP50x–WP52x (a template's values at send time) and WP6xx (window, consent): what Meta
//! checks when a template or a free-form message is sent. The checks live in `src/params/` and
//! `src/send.rs`; each rule carries the Cloud API error code the send would most likely get.

use crate::diagnostic::CloudError;

declare_rules! {
    UNFILLED_PARAMETER {
        code: "WP501",
        name: "unfilled-parameter",
        stage: Send,
        severity: Error,
        summary: "A placeholder of the template (header, body, URL button, copy code, carousel card) without a value.",
        why: "The number of parameters sent must match the template's placeholders, per component; otherwise Meta answers 132000 (M-ERR). Integrations often forget header and button parameters (chatwoot #4995).",
        help: "give a value for every placeholder, header and buttons included",
        meta_error: CloudError::code(132000),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 132000}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 132000}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "oferta_relampago", "language": {"code": "pt_PT"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Rita"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO30"}]}]}}, "error_code": 132000}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "viaggi_estate", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Marco"}]}, {"type": "carousel", "cards": [{"card_index": 0, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/0.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "499 €"}]}, {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "montagna"}]}]}, {"card_index": 1, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/1.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "399 €"}]}, {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "mare"}]}]}]}]}}, "error_code": null}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "oferta_relampago", "language": {"code": "pt_PT"}, "components": [{"type": "limited_time_offer", "parameters": [{"type": "limited_time_offer", "limited_time_offer": {"expiration_time_ms": 1767225600000}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Rita"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO30"}]}]}}, "error_code": null}"#,
        ],
    }

    PARAMETER_WHITESPACE {
        code: "WP502",
        name: "parameter-whitespace",
        stage: Send,
        severity: Error,
        summary: "A text parameter with a line break, a tab, or more than 4 consecutive spaces.",
        why: "Meta rejects such values (\"Param text cannot have new-line/tab characters or more than 4 consecutive spaces\", netflie/whatsapp-cloud-api #201; Twilio 21656). Since Graph v23.0 invalid template parameters are reported as 132018 (M-CHG); that this message maps to 132018 is likely but not confirmed.",
        help: "replace line breaks and tabs with spaces, and collapse long runs of spaces",
        meta_error: CloudError::code(132018).or(&[100]),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday\nmorning"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 132018}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday     morning"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 132018}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday    morning"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
    }

    EMPTY_PARAMETER {
        code: "WP503",
        name: "empty-parameter",
        stage: Send,
        severity: Error,
        summary: "An empty or blank text parameter.",
        why: "Empty values are refused (Twilio 21656; Meta reports a missing required parameter, 131008, M-ERR).",
        help: "send a non-empty value",
        meta_error: CloudError::code(131008).or(&[100]),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": " "}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 131008}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
    }

    HEADER_PARAMETER_TOO_LONG {
        code: "WP504",
        name: "header-parameter-too-long",
        stage: Send,
        severity: Warning,
        summary: "A header text parameter longer than 60 characters.",
        why: "Meta's legacy parameter reference, reproduced by whatsapp-api-js, caps header parameters at 60 characters; current pages do not say (uncertain).",
        help: "shorten the value to 60 characters",
        uncertain: true,
        meta_error: CloudError::code(132018),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "⟪H×61⟫"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "⟪H×60⟫"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
    }

    BODY_PARAMETER_TOO_LONG {
        code: "WP505",
        name: "body-parameter-too-long",
        stage: Send,
        severity: Warning,
        summary: "A body text parameter longer than 1,024 characters (32,768 when the body is the template's only component).",
        why: "Limits from Meta's legacy parameter reference as reproduced by whatsapp-api-js (uncertain).",
        help: "shorten the value",
        uncertain: true,
        meta_error: CloudError::code(132018),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "⟪x×1025⟫"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 132005}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "short_note", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "⟪x×1025⟫"}]}]}}, "error_code": 132005}"#,
        ],
    }

    HYDRATED_BODY_TOO_LONG {
        code: "WP506",
        name: "hydrated-body-too-long",
        stage: Send,
        severity: Error,
        summary: "A body longer than 1,024 characters once the parameters are filled in.",
        why: "An approved template still fails at send time when its text with the values is too long: 132005 \"translated text too long\" (M-ERR; glific #3517).",
        help: "shorten the values, or the template's text",
        meta_error: CloudError::code(132005),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "short_note", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "⟪x×1010⟫"}]}]}}, "error_code": 132005}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "short_note", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "⟪x×990⟫"}]}]}}, "error_code": null}"#,
        ],
    }

    AUTHENTICATION_CODE_INVALID {
        code: "WP507",
        name: "authentication-code-invalid",
        stage: Send,
        severity: Error,
        summary: "An authentication code longer than 15 characters, or containing a link or an emoji.",
        why: "One-time codes are at most 15 characters and may contain no URLs or emoji (M-AUTH-CC, M-CAT); since 2023-06-01 such sends fail.",
        help: "send the bare code, at most 15 characters",
        meta_error: CloudError::code(132018).or(&[100]),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "login_code", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "1234567890123456"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "1234567890123456"}]}]}}, "error_code": 132018}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "login_code", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "code https://x.io"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "code https://x.io"}]}]}}, "error_code": 132018}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "login_code", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "482913"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "482913"}]}]}}, "error_code": null}"#,
        ],
    }

    COUPON_CODE_INVALID {
        code: "WP508",
        name: "coupon-code-invalid",
        stage: Send,
        severity: Error,
        summary: "A copy-code coupon that is empty or longer than 20 characters (15 before 2025-12-03); a warning for characters other than letters and digits.",
        why: "Copy-code buttons carry codes of at most 20 characters since 2025-12-03, 15 before (M-COUP, M-CHG; the date and both values are data in data/send-limits.json). Meta answers 132018 (seen for a 200-character Pix code). M-COUP asked for letters and digits only until its page of 2026-05-28, which no longer says so: other characters warn.",
        help: "send a code within the limit, of letters and digits to be safe",
        meta_error: CloudError::code(132018),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO-20"}]}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO2025SUPERSALE"}]}]}}, "error_code": 132018, "now": "2025-12-02T12:00:00Z"}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO2026SUPERSALE123"}]}]}}, "error_code": 132018, "now": "2026-12-01T12:00:00Z"}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO2026SUPERSALE123"}]}]}}, "error_code": 132018, "no_templates": true}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO20"}]}]}}, "error_code": null}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO2026SUPERSALE12"}]}]}}, "now": "2026-12-01T12:00:00Z"}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO2025SUPER1"}]}]}}, "now": "2025-12-02T12:00:00Z"}"#,
        ],
    }

    HYDRATED_URL_TOO_LONG {
        code: "WP509",
        name: "hydrated-url-too-long",
        stage: Send,
        severity: Error,
        summary: "A URL button longer than 2,000 characters once its suffix is appended.",
        why: "URL buttons are at most 2,000 characters (M-COMP); the parameter is appended to the base URL (PYWA `URLButton`).",
        help: "shorten the URL suffix",
        meta_error: CloudError::code(132018),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "⟪a×1980⟫"}]}]}}, "error_code": 132018}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "⟪a×1900⟫"}]}]}}, "error_code": null}"#,
        ],
    }

    BUTTON_PARAMETER_MISSING {
        code: "WP512",
        name: "button-parameter-missing",
        stage: Send,
        severity: Error,
        summary: "A button of the template that needs a value at send time without one: a URL button with `{{1}}`, a copy-code button, the one-time-code button of an authentication template, a catalog or multi-product button.",
        why: "Meta answers 131008 \"Required parameter is missing\" with \"buttons: Button at index 0 of type Url requires a parameter\" (PipedreamHQ/pipedream#5899, whatomate#501, chatwoot#12393), also for the code button of authentication templates (M-AUTH: the code goes in the body and in the button); a catalog template without its button gets 131008 too (Azure communication-services quickstarts#169). One 2026 report shows 132018 for the code button.",
        help: "add a `button` component with the button's `sub_type`, `index` and parameter",
        meta_error: CloudError::code(131008).or(&[132018]),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}]}}, "error_code": 131008}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "codigo_acesso", "language": {"code": "pt_BR"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "482913"}]}]}}, "error_code": 131008}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}]}}, "error_code": 131008}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "catalogo_novita", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Sara"}]}]}}, "error_code": 131008}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "carrello_salvato", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Luca"}]}]}}, "error_code": 131008}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "carrello_salvato", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Luca"}]}, {"type": "button", "sub_type": "mpm", "index": 0, "parameters": []}]}}, "error_code": 131008}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": 0}]}}, "error_code": 131008}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "codigo_acesso", "language": {"code": "pt_BR"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "482913"}]}, {"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "482913"}]}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "accesso_rapido", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "482913"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "482913"}]}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "catalogo_novita", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Sara"}]}, {"type": "button", "sub_type": "CATALOG", "index": 0, "parameters": [{"type": "action", "action": {"thumbnail_product_retailer_id": "sku-7"}}]}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "carrello_salvato", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Luca"}]}, {"type": "button", "sub_type": "mpm", "index": 0, "parameters": [{"type": "action", "action": {"thumbnail_product_retailer_id": "sku1", "sections": [{"title": "Nel carrello", "product_items": [{"product_retailer_id": "sku1"}, {"product_retailer_id": "sku2"}]}]}}]}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "reserva_cita", "language": {"code": "es"}, "components": [{"type": "button", "sub_type": "flow", "index": "0"}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "reserva_cita", "language": {"code": "es"}}}}"#,
        ],
    }

    URL_PARAMETER_NOT_ENCODED {
        code: "WP513",
        name: "url-parameter-not-encoded",
        stage: Send,
        severity: Warning,
        summary: "A URL button's value with a space, `:`, `|` or a non-ASCII letter, not percent-encoded.",
        why: "The value is put into the button's URL as written; Meta asks for it percent-encoded (`%20`, `%3A`, `%7C`, `%C3%A7`): \"unencoded special characters can cause the generated URL to fail validation, resulting in a message send error\" (M-COMP, 2026-06-24). No error code is given.",
        help: "percent-encode the value (encodeURIComponent in JavaScript)",
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "Gonçalves"}]}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "ordine 12"}]}]}}, "no_templates": true}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "a|b"}]}]}}, "no_templates": true}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "Gon%C3%A7alves"}]}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "ordine%2012?ref=wa"}]}]}}, "no_templates": true}"#,
        ],
    }

    EXTRA_PARAMETER {
        code: "WP510",
        name: "extra-parameter",
        stage: Send,
        severity: Error,
        summary: "More parameters than the component has placeholders, a named parameter the template does not use, or parameters for a component or button that takes none.",
        why: "Meta compares the number of parameters with the template's and answers 132000 on any difference (M-ERR; pywa #154: \"localizable_params (2) vs expected (1)\").",
        help: "send exactly the template's parameters",
        meta_error: CloudError::code(132000).or(&[132018]),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}, {"type": "text", "text": "extra"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 132000}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "viaggi_estate", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Marco"}]}, {"type": "carousel", "cards": [{"card_index": 0, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/0.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "499 €"}]}, {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "montagna"}]}]}, {"card_index": 1, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/1.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "499 €"}]}, {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "montagna"}]}]}, {"card_index": 2, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/2.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "499 €"}]}, {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "montagna"}]}]}]}]}}, "error_code": 132000}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "pickup_point", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "location", "location": {"latitude": 45.46, "longitude": 9.19}}]}, {"type": "body", "parameters": [{"type": "text", "text": "extra"}]}]}}, "error_code": 132000}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "919876543210", "type": "template", "template": {"name": "checkout_ordine", "language": {"code": "en", "policy": "deterministic"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://example.com/order.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "R-301"}]}, {"type": "button", "sub_type": "order_details", "index": 0, "parameters": [{"type": "action", "action": {"order_details": {"reference_id": "R-301", "type": "digital-goods", "payment_type": "upi", "currency": "INR", "total_amount": {"value": 21000, "offset": 100}, "order": {"status": "pending", "items": [{"retailer_id": "sku-1", "name": "Abbonamento", "amount": {"value": 21000, "offset": 100}, "quantity": 1}], "subtotal": {"value": 21000, "offset": 100}}}}}]}]}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "to": "5511912345678", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR", "policy": "deterministic"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO20"}]}, {"type": "button", "sub_type": "quick_reply", "index": 1, "parameters": [{"type": "text", "text": true}]}]}}}"#,
        ],
    }

    PAYLOAD_TOO_LONG {
        code: "WP511",
        name: "payload-too-long",
        stage: Send,
        severity: Warning,
        summary: "A quick-reply button payload longer than 256 characters.",
        why: "Quick-reply payloads are capped at 256 characters (PYWA; tyntec's character limits), not stated on Meta's current pages.",
        help: "send a shorter payload, e.g. an id",
        uncertain: true,
        meta_error: CloudError::code(132018),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "button", "sub_type": "quick_reply", "index": "1", "parameters": [{"type": "payload", "payload": "⟪p×257⟫"}]}]}}, "error_code": null}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "button", "sub_type": "quick_reply", "index": "1", "parameters": [{"type": "payload", "payload": "help-request"}]}]}}, "error_code": null}"#,
        ],
    }

    INVALID_SEND_PAYLOAD {
        code: "WP520",
        name: "invalid-send-payload",
        stage: Send,
        severity: Error,
        summary: "A send request Meta cannot read: `messaging_product` other than `whatsapp`, or a field of the wrong JSON type (a string where an object belongs, an object for a text).",
        why: "The Graph API checks the JSON types of the request before anything else and answers 100 (\"Param interactive['header']['image'] must be a JSON object\", whatsapp-api-js#1; \"Param text['body'] must be a string\"); `messaging_product` is always `whatsapp` (M-SEND).",
        help: "follow the Cloud API message shape",
        meta_error: CloudError::code(100),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "text", "text": {"body": {"content": "Ciao"}}}, "error_code": 100}"#,
            r#"{"payload": {"messaging_product": "sms", "to": "393331234567", "type": "text", "text": {"body": "Hi"}}, "error_code": 100, "state": {"393331234567": {"last_inbound_at": "2025-08-01T09:00:00Z"}}, "now": "2025-08-01T10:00:00Z"}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "interactive", "interactive": {"type": "button", "header": {"type": "image", "image": "https://example.com/a.jpg"}, "body": {"text": "Scegli"}, "action": {"buttons": [{"type": "reply", "reply": {"id": "1", "title": "OK"}}]}}}, "error_code": 100}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "interactive", "interactive": {"type": "button", "header": {"type": "text", "text": {"body": "Titolo"}}, "body": {"text": "Scegli"}, "action": {"buttons": [{"type": "reply", "reply": {"id": "1", "title": "OK"}}]}}}, "error_code": 100}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "short_note", "language": {"code": "en_US"}, "components": {"type": "body"}}}, "error_code": 100}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
    }

    TEMPLATE_NOT_FOUND {
        code: "WP521",
        name: "template-not-found",
        stage: Send,
        severity: Error,
        summary: "A template name and language that are not among the business's templates.",
        why: "Meta answers 132001 when the template does not exist in that language (M-ERR); a template exists per language.",
        help: "check the name and the language code against the approved templates",
        meta_error: CloudError::code(132001),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "de"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 132001}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "no_such_template", "language": {"code": "en_US"}}}, "error_code": 132001}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "it"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
    }

    TEMPLATE_NOT_APPROVED {
        code: "WP522",
        name: "template-not-approved",
        stage: Send,
        severity: Error,
        summary: "A template whose status is not APPROVED (pending, rejected, in appeal, deleted …), paused or disabled aside.",
        why: "Only approved templates can be sent; others get 132001 (M-OV, M-ERR).",
        help: "wait for approval or fix the template",
        meta_error: CloudError::code(132001),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "promo_pending", "language": {"code": "en_US"}}}, "error_code": 132001}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
    }

    TEMPLATE_PAUSED {
        code: "WP523",
        name: "template-paused",
        stage: Send,
        severity: Error,
        summary: "A template whose status is PAUSED.",
        why: "Templates with low quality are paused for 3 or 6 hours; sends are rejected, not charged, with 132015 (M-PAUSE, M-ERR).",
        help: "wait for the pause to end, or send another template",
        meta_error: CloudError::code(132015),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "promo_paused", "language": {"code": "en_US"}}}, "error_code": 132015}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
    }

    TEMPLATE_DISABLED {
        code: "WP524",
        name: "template-disabled",
        stage: Send,
        severity: Error,
        summary: "A template whose status is DISABLED.",
        why: "A template paused a third time is disabled for good; sends get 132016 (M-PAUSE, M-ERR).",
        help: "create a new template",
        meta_error: CloudError::code(132016),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "promo_disabled", "language": {"code": "en_US"}}}, "error_code": 132016}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
        ],
    }

    PARAMETER_FORMAT_MISMATCH {
        code: "WP526",
        name: "send-parameter-format-mismatch",
        stage: Send,
        severity: Error,
        summary: "Parameters in another format than the template's: named (`parameter_name`) for a positional template or the reverse, or a parameter type the component does not take (an image for a text header, text for a location header).",
        why: "Meta answers 132012 when parameter values are not in the format the template uses (M-ERR).",
        help: "send parameters the way the template defines them",
        meta_error: CloudError::code(132012).or(&[100]),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "parameter_name": "first_name", "text": "Ana"}]}]}}, "error_code": 132012}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cita", "language": {"code": "es"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Lucía"}, {"type": "text", "text": "12 de mayo"}]}]}}, "error_code": 132012}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/a.jpg"}}]}]}}, "error_code": 132012}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "viaggi_estate", "language": {"code": "it"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Marco"}]}, {"type": "carousel", "cards": [{"card_index": 0, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/0.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "499 €"}]}, {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "montagna"}]}]}, {"card_index": 1, "components": [{"type": "body", "parameters": [{"type": "text", "text": "499 €"}]}, {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "montagna"}]}]}]}]}}, "error_code": 132012}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cita", "language": {"code": "es"}, "components": [{"type": "body", "parameters": [{"type": "text", "parameter_name": "date", "text": "12 de mayo"}, {"type": "text", "parameter_name": "first_name", "text": "Lucía"}]}]}}, "error_code": null}"#,
        ],
    }

    INVALID_PARAMETER_VALUE {
        code: "WP527",
        name: "invalid-parameter-value",
        stage: Send,
        severity: Error,
        summary: "A parameter value Meta cannot use: currency without an integer `amount_1000` or a 3-letter code, date_time without `fallback_value`, media without `id` or `link` (or a non-https link), location without coordinates, a button `sub_type` or `index` that does not match the template's button.",
        why: "Since Graph v23.0 Meta reports invalid template parameters as 132018 (M-CHG); shapes from M-SEND, WA-NODE and PYWA.",
        help: "fix the parameter value",
        meta_error: CloudError::code(132018).or(&[131009, 100]),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "payment_due", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "currency", "currency": {"fallback_value": "$10.50", "code": "USD", "amount_1000": 10.5}}, {"type": "date_time", "date_time": {"fallback_value": "June 1"}}]}]}}, "error_code": 132018}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO20"}]}]}}, "error_code": 132018}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "quick_reply", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 132018}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "pickup_point", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "location", "location": {"name": "Depot"}}]}]}}, "error_code": 132018}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "oferta_relampago", "language": {"code": "pt_PT"}, "components": [{"type": "limited_time_offer", "parameters": [{"type": "limited_time_offer", "limited_time_offer": {"expiration_time_ms": "tomorrow"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Rita"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO30"}]}]}}, "error_code": 132018}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "payment_due", "language": {"code": "en_US"}, "components": [{"type": "body", "parameters": [{"type": "currency", "currency": {"fallback_value": "$10.50", "code": "USD", "amount_1000": 10500}}, {"type": "date_time", "date_time": {"fallback_value": "June 1"}}]}]}}, "error_code": null}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "pickup_point", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "location", "location": {"latitude": "45.46", "longitude": 9.19, "name": "Depot"}}]}]}}, "error_code": null}"#,
        ],
    }

    TEXT_TOO_LONG {
        code: "WP528",
        name: "text-too-long",
        stage: Send,
        severity: Error,
        summary: "A free-form text longer than its limit: a text message's body over 4,096 characters, a media caption over 1,024.",
        why: "`text.body` is at most 4,096 characters (M-TEXT; Meta answers 100 \"Param text['body'] must be at most 4096 characters long\"), captions at most 1,024 (M-IMG).",
        help: "shorten the text, or split the message",
        meta_error: CloudError::code(100).or(&[131009]),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "to": "+39 333 123 4567", "type": "text", "text": {"body": "⟪x×4097⟫"}}, "error_code": 100, "state": {"393331234567": {"last_inbound_at": "2025-08-01T09:00:00Z"}}, "now": "2025-08-01T10:00:00Z"}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "to": "+39 333 123 4567", "type": "text", "text": {"body": "⟪x×4096⟫"}}, "error_code": null, "state": {"393331234567": {"last_inbound_at": "2025-08-01T09:00:00Z"}}, "now": "2025-08-01T10:00:00Z"}"#,
        ],
    }

    OUTSIDE_WINDOW {
        code: "WP601",
        name: "outside-window",
        stage: Window,
        severity: Error,
        summary: "A free-form (non-template) message to a user whose last message is more than 24 hours old, or who never wrote.",
        why: "Outside the 24-hour customer-service window only templates may be sent; other messages fail with 131047 (M-SEND, M-ERR).",
        help: "send an approved template instead",
        meta_error: CloudError::code(131047),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "to": "+39 333 123 4567", "type": "text", "text": {"body": "Hi again"}}, "error_code": 131047, "state": {"393331234567": {"last_inbound_at": "2025-08-01T09:00:00Z"}}, "now": "2025-08-02T10:00:00Z"}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "to": "+39 333 123 4567", "type": "text", "text": {"body": "Hi"}}, "error_code": 131047, "state": {}, "now": "2025-08-01T10:00:00Z"}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "to": "+39 333 123 4567", "type": "text", "text": {"body": "Hi again"}}, "error_code": null, "state": {"393331234567": {"last_inbound_at": "2025-08-01T09:00:00Z"}}, "now": "2025-08-01T11:00:00Z"}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null, "state": {}, "now": "2025-08-01T10:00:00Z"}"#,
        ],
    }

    RECIPIENT_OPTED_OUT {
        code: "WP602",
        name: "recipient-opted-out",
        stage: Window,
        severity: Error,
        summary: "A template to a recipient who opted out of its category (or of all messages), on or off WhatsApp.",
        why: "Businesses must honour every request to stop messages, made on or off WhatsApp, at once (WhatsApp Business Messaging Policy; M-OPTIN). Meta does not know opt-outs made elsewhere, so there is no error code: the send goes through and harms quality.",
        help: "do not send; the recipient can opt back in (e.g. by writing START)",
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO20"}]}]}}, "error_code": null, "state": {"393331234567": {"opted_out": ["marketing"]}}, "now": "2025-08-01T10:00:00Z"}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null, "state": {"393331234567": {"opted_out": ["all"]}}, "now": "2025-08-01T10:00:00Z"}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null, "state": {"393331234567": {"opted_out": ["marketing"]}}, "now": "2025-08-01T10:00:00Z"}"#,
        ],
    }

    MARKETING_STOPPED {
        code: "WP603",
        name: "marketing-stopped",
        stage: Window,
        severity: Error,
        summary: "A marketing template to a user who turned off marketing messages from this business in WhatsApp.",
        why: "Since 2024-11-22 users can stop marketing templates per business; sends then fail with 131050 and must not be retried (M-MKT, M-ERR).",
        help: "send utility or authentication templates only, until the user resumes offers",
        meta_error: CloudError::code(131050),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO20"}]}]}}, "error_code": 131050, "state": {"393331234567": {"marketing_stopped": true}}, "now": "2025-08-01T10:00:00Z"}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null, "state": {"393331234567": {"marketing_stopped": true}}, "now": "2025-08-01T10:00:00Z"}"#,
        ],
    }

    US_MARKETING_PAUSED {
        code: "WP604",
        name: "us-marketing-paused",
        stage: Window,
        severity: Error,
        summary: "A marketing template to a United States number (+1 with a US area code) on or after 2025-04-01.",
        why: "Meta pauses the delivery of marketing templates to US users from 2025-04-01, still listed on 2026-02-26 (M-PUL); the date is data (`data/consent.json`). Sends fail as per-user marketing limits (131049).",
        help: "send to US users with a utility template only when the content is utility",
        meta_error: CloudError::code(131049),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+1 212 555 0100", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO20"}]}]}}, "error_code": 131049, "now": "2025-08-01T10:00:00Z"}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+1 416 555 0100", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO20"}]}]}}, "error_code": null, "now": "2025-08-01T10:00:00Z"}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+1 212 555 0100", "type": "template", "template": {"name": "cupom_verao", "language": {"code": "pt_BR"}, "components": [{"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/verao.jpg"}}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}, {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VERAO20"}]}]}}, "error_code": null, "now": "2025-03-31T10:00:00Z"}"#,
        ],
    }

    INVALID_RECIPIENT {
        code: "WP605",
        name: "invalid-recipient",
        stage: Window,
        severity: Error,
        summary: "A recipient `to` that is not an international number: letters, a leading 0 (trunk prefix) instead of the country code, fewer than 8 or more than 15 digits.",
        why: "Cloud API recipients are phone numbers with their country code (M-SEND); E.164 numbers have at most 15 digits; the market, and so the price, is read from the country code (M-PRICE).",
        help: "write the number with its country code, e.g. 393331234567",
        meta_error: CloudError::code(100),
        fires: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "0039 333 1234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": 100}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "group", "to": "393331234567", "type": "text", "text": {"body": "Ciao"}}, "error_code": 100}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "user.⟪a×260⟫", "type": "text", "text": {"body": "Ciao"}}, "error_code": 100}"#,
        ],
        passes: [
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "393331234567", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}, "components": [{"type": "header", "parameters": [{"type": "text", "text": "A-1001"}]}, {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "A-1001"}, {"type": "text", "text": "Monday"}]}, {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "A-1001"}]}]}}, "error_code": null}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "user.9373795779eb6441c8adb2eaee5b848e7dd174ddd302d7db62142f4722d574b6", "type": "text", "text": {"body": "Ciao"}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "US.13491208655302741918", "type": "text", "text": {"body": "Ciao"}}}"#,
            r#"{"payload": {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "US.ENT.11815799212886844830", "type": "text", "text": {"body": "Ciao"}}}"#,
        ],
    }
}
