//! WP20x–WP21x: parameters in template text — their syntax, numbering, position and density.
//!
//! Longer than the other families (about 650 lines) because its 17 rules carry their runnable
//! cases in their declarations; the checks themselves are about 350 lines.

use super::{Context, Field, Findings, Role};
use crate::category::Category;
use crate::diagnostic::Diagnostic;
use crate::placeholder::{describe_invalid_name, Key, Placeholder, Problem};

declare_rules! {
    VARIABLE_AT_EDGE {
        code: "WP201",
        name: "variable-at-edge",
        stage: Template,
        severity: Error,
        summary: "A body that starts or ends with a parameter; a parameter followed only by punctuation, spaces or emoji still counts as the end.",
        why: "Meta rejects \"dangling\" parameters at the start or end of the body (M-REV \"Parameter formatting\"; creation error 2388299). That trailing punctuation does not help is reported by providers (Maqsam, Twilio).",
        help: "begin and end the body with fixed words, e.g. `Hi {{1}}, ... Thank you.`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "{{1}}, your order has shipped.", "example": {"body_text": [["Maria"]]}}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your verification code is {{1}}.", "example": {"body_text": [["123456"]]}}]}"#,
            r#"{"name": "order_update", "language": "pt_PT", "category": "UTILITY", "components": [{"type": "BODY", "text": "Olá, o seu pedido foi enviado para {{1}} 🚚", "example": {"body_text": [["Lisboa"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order has shipped.", "example": {"body_text": [["Maria"]]}}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
    }

    ADJACENT_VARIABLES {
        code: "WP202",
        name: "adjacent-variables",
        stage: Template,
        severity: Error,
        summary: "Two parameters separated only by spaces or nothing (`{{1}} {{2}}`).",
        why: "Meta's legacy guidelines reject \"floating\" parameters with no text between them (M-GUIDE-OLD); Twilio documents the same rejection.",
        help: "put words between the parameters, or merge them into one",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hello {{1}} {{2}}, welcome to our store.", "example": {"body_text": [["Maria", "Rossi"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hello {{1}} from {{2}}, welcome to our store.", "example": {"body_text": [["Maria", "Roma"]]}}]}"#,
        ],
    }

    PLACEHOLDER_SEQUENCE {
        code: "WP203",
        name: "placeholder-sequence",
        stage: Template,
        severity: Error,
        summary: "Positional parameters of a field that do not first appear as 1, 2, 3… (a gap, a start other than 1, or an order such as 1, 3, 2). Repeating an earlier one is fine.",
        why: "Positional parameters must be sequential from {{1}} (M-REV, \"non-sequential parameters such as 1, 2, 5, 4\"; PYWA requires exactly {1..n}).",
        help: "number the parameters 1, 2, 3 in the order they appear",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{3}} is ready.", "example": {"body_text": [["Maria", "A1"]]}}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{2}}, your order {{1}} is ready.", "example": {"body_text": [["Maria", "A1"]]}}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{2}}, your order is ready today.", "example": {"body_text": [["Maria"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} is ready, {{1}}, enjoy.", "example": {"body_text": [["Maria", "A1"]]}}]}"#,
        ],
    }

    MALFORMED_PLACEHOLDER {
        code: "WP204",
        name: "malformed-placeholder",
        stage: Template,
        severity: Error,
        summary: "Braces that do not form a placeholder: `{{1}`, `{1}}`, `{{}}`, `{{{1}}}`, an unclosed `{{1`, a stray `}}`.",
        why: "Missing or mismatched braces are a common rejection cause (M-REV \"Parameter formatting\").",
        help: "write parameters as `{{1}}` or `{{name}}`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}, thanks for your order today."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{}}, thanks for your order today."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{{1}}}, thanks for your order today."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi 1}}, thanks for your order today."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, thanks for your order today.", "example": {"body_text": [["Maria"]]}}]}"#,
        ],
    }

    INVALID_PLACEHOLDER_NAME {
        code: "WP205",
        name: "invalid-placeholder-name",
        stage: Template,
        severity: Error,
        summary: "A placeholder whose inside is neither a number nor a name of lowercase letters and underscores: `{{#1}}`, `{{First Name}}`, `{{$amount}}`.",
        why: "Special characters such as #, $ and % inside a parameter get templates rejected (M-REV); named parameters are lowercase letters and underscores (M-OV, M-UTIL).",
        help: "use `{{1}}` or a lowercase name such as `{{first_name}}`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{First Name}}, thanks for your order."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{#1}}, thanks for your order."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{first_name}}, thanks for your order.", "example": {"body_text_named_params": [{"param_name": "first_name", "example": "Maria"}]}}], "parameter_format": "NAMED"}"#,
        ],
    }

    MIXED_PLACEHOLDER_STYLES {
        code: "WP206",
        name: "mixed-placeholder-styles",
        stage: Template,
        severity: Error,
        summary: "Positional (`{{1}}`) and named (`{{name}}`) parameters in one template.",
        why: "A template uses one parameter format for header and body (M-OV \"Parameter formats\"; PYWA and whatsapp-api-js reject mixing).",
        help: "use only positional or only named parameters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Hi {{first_name}}", "example": {"header_text_named_params": [{"param_name": "first_name", "example": "Maria"}]}}, {"type": "BODY", "text": "Your order {{1}} has shipped today.", "example": {"body_text": [["A1"]]}}], "parameter_format": "NAMED"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Hi {{first_name}}", "example": {"header_text_named_params": [{"param_name": "first_name", "example": "Maria"}]}}, {"type": "BODY", "text": "Your order {{order_id}} has shipped today.", "example": {"body_text_named_params": [{"param_name": "order_id", "example": "A1"}]}}], "parameter_format": "NAMED"}"#,
        ],
    }

    LEGACY_PLACEHOLDER {
        code: "WP207",
        name: "legacy-placeholder",
        stage: Template,
        severity: Warning,
        summary: "A single-brace `{1}` placeholder, the style some providers (CM.com among them) use in their own template editors.",
        why: "Meta only recognises double braces; `{1}` would be sent as literal text (M-OV \"Parameter formats\").",
        help: "write `{{1}}`",
        fires: [
            r#"{"name": "conferma_ordine", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Salve {1}, grazie per il vostro ordine! Vi contatteremo quando l'ordine sarà pronto per la spedizione. Potete rintracciare il vostro ordine con il numero {2} qui {3}. Buona giornata!"}]}"#,
        ],
        passes: [
            r#"{"name": "conferma_ordine", "language": "it", "category": "UTILITY", "components": [{"type": "BODY", "text": "Salve {{1}}, grazie per il vostro ordine! Potete rintracciare il vostro ordine con il numero {{2}} sul nostro sito. Buona giornata!", "example": {"body_text": [["Maria", "A1"]]}}]}"#,
        ],
    }

    TOO_MANY_HEADER_VARIABLES {
        code: "WP208",
        name: "too-many-header-variables",
        stage: Template,
        severity: Error,
        summary: "A text header with more than one parameter.",
        why: "Text headers take at most one parameter (M-COMP).",
        help: "keep one parameter in the header and move the others to the body",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Order {{1}} for {{2}}", "example": {"header_text": ["A1", "Maria"]}}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Order {{1}}", "example": {"header_text": ["A1"]}}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
    }

    FOOTER_VARIABLE {
        code: "WP209",
        name: "footer-variable",
        stage: Template,
        severity: Warning,
        summary: "A parameter in the footer.",
        why: "Meta's components page shows footers as fixed text and providers say footers are static; only Meta's utility page mentions footer variables, likely a slip (M-COMP vs M-UTIL) — uncertain, hence a warning.",
        help: "move the parameter to the body",
        uncertain: true,
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "FOOTER", "text": "Ref. {{1}}"}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "FOOTER", "text": "Reply STOP to opt out"}]}"#,
        ],
    }

    VARIABLE_DENSITY {
        code: "WP210",
        name: "variable-density",
        stage: Template,
        severity: Warning,
        summary: "A body with too few fixed words for its parameters: fewer than 2·P + 1 words for P parameters.",
        why: "Meta rejects templates with too many parameters for their length (creation error 2388293) but publishes no number; the 2·P + 1 threshold is a provider heuristic (Maqsam; equivalently words + parameters ≥ 3·P + 1 at Syniverse and Mercuri).",
        help: "add fixed words around the parameters",
        uncertain: true,
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, {{2}} - {{3}}.", "example": {"body_text": [["Maria", "A1", "today"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order {{2}} ships on {{3}}, thank you.", "example": {"body_text": [["Maria", "A1", "Monday"]]}}]}"#,
        ],
    }

    PLACEHOLDER_WHITESPACE {
        code: "WP211",
        name: "placeholder-whitespace",
        stage: Template,
        severity: Info,
        summary: "Spaces inside a placeholder's braces (`{{ 1 }}`).",
        why: "wa-preflight reads `{{ 1 }}` as `{{1}}`, but Meta's documentation only shows the form without spaces (M-OV).",
        help: "write it without spaces",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{ 1 }}, thanks for your order.", "example": {"body_text": [["Maria"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, thanks for your order.", "example": {"body_text": [["Maria"]]}}]}"#,
        ],
    }

    PARAMETER_FORMAT_MISMATCH {
        code: "WP212",
        name: "parameter-format-mismatch",
        stage: Template,
        severity: Error,
        summary: "Named parameters without `parameter_format: NAMED`, or positional ones with it.",
        why: "`parameter_format` defaults to POSITIONAL; named parameters need NAMED (M-OV). Templates with named parameters but no format are rejected (user reports, Whatsapp-Business-Cloud-Api-Net #194).",
        help: "set `parameter_format` to match the parameters",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{first_name}}, thanks for your order.", "example": {"body_text_named_params": [{"param_name": "first_name", "example": "Maria"}]}}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, thanks for your order.", "example": {"body_text": [["Maria"]]}}], "parameter_format": "NAMED"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{first_name}}, thanks for your order.", "example": {"body_text_named_params": [{"param_name": "first_name", "example": "Maria"}]}}], "parameter_format": "NAMED"}"#,
        ],
    }

    URL_VARIABLE_POSITION {
        code: "WP213",
        name: "url-variable-position",
        stage: Template,
        severity: Error,
        summary: "A URL button whose URL has more than one parameter, or a parameter that is not at its very end.",
        why: "URL buttons take one parameter, appended to the end of the URL (M-COMP; PYWA `URLButton`).",
        help: "put a single `{{1}}` at the end of the URL, e.g. `https://example.com/track/{{1}}`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/{{1}}/track", "example": ["https://shop.example.com/A1/track"]}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/{{1}}?o={{2}}", "example": ["https://shop.example.com/A1?o=2"]}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Track", "url": "https://shop.example.com/track/{{1}}", "example": ["https://shop.example.com/track/A1"]}]}]}"#,
        ],
    }

    VARIABLE_IN_STATIC_FIELD {
        code: "WP214",
        name: "variable-in-static-field",
        stage: Template,
        severity: Error,
        summary: "A parameter in a field that takes none: a button label, a phone number, a limited-time offer's text.",
        why: "Only header, body, URL and copy-code values take parameters (M-COMP); elsewhere `{{1}}` is shown literally or rejected.",
        help: "write fixed text",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes {{1}}"}]}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Ends {{1}}", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Yes"}]}]}"#,
        ],
    }

    PARAMETER_NAME_TOO_LONG {
        code: "WP215",
        name: "parameter-name-too-long",
        stage: Template,
        severity: Warning,
        summary: "A named parameter longer than 20 characters.",
        why: "whatsapp-api-js caps names at 20 characters; Meta's pages give no limit (uncertain).",
        help: "use a shorter name",
        uncertain: true,
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{customer_first_name_value}}, thanks for your order.", "example": {"body_text_named_params": [{"param_name": "customer_first_name_value", "example": "x1"}]}}], "parameter_format": "NAMED"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{first_name}}, thanks for your order.", "example": {"body_text_named_params": [{"param_name": "first_name", "example": "x1"}]}}], "parameter_format": "NAMED"}"#,
        ],
    }

    PARAMETER_NAME_DIGITS {
        code: "WP216",
        name: "parameter-name-digits",
        stage: Template,
        severity: Warning,
        summary: "A named parameter containing digits.",
        why: "Meta describes names as lowercase letters and underscores (M-OV, M-UTIL); PYWA accepts digits. Uncertain, hence a warning.",
        help: "spell the number out, e.g. `address_line_two`",
        uncertain: true,
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "We deliver to {{address_line2}} tomorrow morning.", "example": {"body_text_named_params": [{"param_name": "address_line2", "example": "x1"}]}}], "parameter_format": "NAMED"}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "We deliver to {{address_line}} tomorrow morning.", "example": {"body_text_named_params": [{"param_name": "address_line", "example": "x1"}]}}], "parameter_format": "NAMED"}"#,
        ],
    }

    TOO_MANY_VARIABLES {
        code: "WP217",
        name: "too-many-variables",
        stage: Template,
        severity: Warning,
        summary: "More than 100 distinct parameters in one template.",
        why: "A provider reports a limit of 100 variables per template (Maqsam); Meta's pages give none (uncertain).",
        help: "use fewer parameters",
        uncertain: true,
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Start {{1}} a {{2}} a {{3}} a {{4}} a {{5}} a {{6}} a {{7}} a {{8}} a {{9}} a {{10}} a {{11}} a {{12}} a {{13}} a {{14}} a {{15}} a {{16}} a {{17}} a {{18}} a {{19}} a {{20}} a {{21}} a {{22}} a {{23}} a {{24}} a {{25}} a {{26}} a {{27}} a {{28}} a {{29}} a {{30}} a {{31}} a {{32}} a {{33}} a {{34}} a {{35}} a {{36}} a {{37}} a {{38}} a {{39}} a {{40}} a {{41}} a {{42}} a {{43}} a {{44}} a {{45}} a {{46}} a {{47}} a {{48}} a {{49}} a {{50}} a {{51}} a {{52}} a {{53}} a {{54}} a {{55}} a {{56}} a {{57}} a {{58}} a {{59}} a {{60}} a {{61}} a {{62}} a {{63}} a {{64}} a {{65}} a {{66}} a {{67}} a {{68}} a {{69}} a {{70}} a {{71}} a {{72}} a {{73}} a {{74}} a {{75}} a {{76}} a {{77}} a {{78}} a {{79}} a {{80}} a {{81}} a {{82}} a {{83}} a {{84}} a {{85}} a {{86}} a {{87}} a {{88}} a {{89}} a {{90}} a {{91}} a {{92}} a {{93}} a {{94}} a {{95}} a {{96}} a {{97}} a {{98}} a {{99}} a {{100}} a {{101}} end.", "example": {"body_text": [["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31", "v32", "v33", "v34", "v35", "v36", "v37", "v38", "v39", "v40", "v41", "v42", "v43", "v44", "v45", "v46", "v47", "v48", "v49", "v50", "v51", "v52", "v53", "v54", "v55", "v56", "v57", "v58", "v59", "v60", "v61", "v62", "v63", "v64", "v65", "v66", "v67", "v68", "v69", "v70", "v71", "v72", "v73", "v74", "v75", "v76", "v77", "v78", "v79", "v80", "v81", "v82", "v83", "v84", "v85", "v86", "v87", "v88", "v89", "v90", "v91", "v92", "v93", "v94", "v95", "v96", "v97", "v98", "v99", "v100", "v101"]]}}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Start {{1}} a {{2}} a {{3}} a {{4}} a {{5}} a {{6}} a {{7}} a {{8}} a {{9}} a {{10}} a {{11}} a {{12}} a {{13}} a {{14}} a {{15}} a {{16}} a {{17}} a {{18}} a {{19}} a {{20}} a {{21}} a {{22}} a {{23}} a {{24}} a {{25}} a {{26}} a {{27}} a {{28}} a {{29}} a {{30}} a {{31}} a {{32}} a {{33}} a {{34}} a {{35}} a {{36}} a {{37}} a {{38}} a {{39}} a {{40}} a {{41}} a {{42}} a {{43}} a {{44}} a {{45}} a {{46}} a {{47}} a {{48}} a {{49}} a {{50}} a {{51}} a {{52}} a {{53}} a {{54}} a {{55}} a {{56}} a {{57}} a {{58}} a {{59}} a {{60}} a {{61}} a {{62}} a {{63}} a {{64}} a {{65}} a {{66}} a {{67}} a {{68}} a {{69}} a {{70}} a {{71}} a {{72}} a {{73}} a {{74}} a {{75}} a {{76}} a {{77}} a {{78}} a {{79}} a {{80}} a {{81}} a {{82}} a {{83}} a {{84}} a {{85}} a {{86}} a {{87}} a {{88}} a {{89}} a {{90}} a {{91}} a {{92}} a {{93}} a {{94}} a {{95}} a {{96}} a {{97}} a {{98}} a {{99}} a {{100}} end.", "example": {"body_text": [["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31", "v32", "v33", "v34", "v35", "v36", "v37", "v38", "v39", "v40", "v41", "v42", "v43", "v44", "v45", "v46", "v47", "v48", "v49", "v50", "v51", "v52", "v53", "v54", "v55", "v56", "v57", "v58", "v59", "v60", "v61", "v62", "v63", "v64", "v65", "v66", "v67", "v68", "v69", "v70", "v71", "v72", "v73", "v74", "v75", "v76", "v77", "v78", "v79", "v80", "v81", "v82", "v83", "v84", "v85", "v86", "v87", "v88", "v89", "v90", "v91", "v92", "v93", "v94", "v95", "v96", "v97", "v98", "v99", "v100"]]}}]}"#,
        ],
    }
}

#[inline(never)] // one function per stage: see `rules::run`
pub fn check(cx: &mut Context) {
    let mut found = Findings::default();
    let is_auth = cx.category == Some(Category::Authentication);
    for f in &cx.fields {
        syntax(f, &mut found);
        match f.role {
            Role::Body | Role::CardBody => {
                sequence(f, &mut found);
                adjacent(f, &mut found);
                // Meta states the edge and density rules for the message body (2388299, 2388293).
                if !is_auth && f.role == Role::Body {
                    edges(f, &mut found);
                    density(f, &mut found);
                }
            }
            Role::HeaderText | Role::CardHeaderText => {
                sequence(f, &mut found);
                if let Some(second) = f.scan.placeholders.get(1) {
                    found.push(
                        Diagnostic::new(
                            &TOO_MANY_HEADER_VARIABLES,
                            &f.text.path,
                            format!("header has {} parameters; the limit is 1", f.scan.placeholders.len()),
                        )
                        .at(&f.text.value, second.range.clone()),
                    );
                }
            }
            Role::Footer => {
                for p in &f.scan.placeholders {
                    if !found.wants(&FOOTER_VARIABLE, &f.text.path) {
                        break;
                    }
                    found.push(
                        Diagnostic::new(&FOOTER_VARIABLE, &f.text.path, "footer contains a parameter")
                            .at(&f.text.value, p.range.clone()),
                    );
                }
            }
            Role::ButtonUrl => {
                sequence(f, &mut found);
                url_position(f, &mut found);
            }
            Role::Static => {
                for p in &f.scan.placeholders {
                    if !found.wants(&VARIABLE_IN_STATIC_FIELD, &f.text.path) {
                        break;
                    }
                    found.push(
                        Diagnostic::new(
                            &VARIABLE_IN_STATIC_FIELD,
                            &f.text.path,
                            format!("{} in a field that takes no parameters", p.key.display()),
                        )
                        .at(&f.text.value, p.range.clone()),
                    );
                }
            }
        }
    }
    format_and_mixing(cx, &mut found);
    cx.absorb(found);
}

fn syntax(f: &Field, found: &mut Findings) {
    let text = &f.text.value;
    for m in &f.scan.malformed {
        let rule = match m.problem {
            Problem::Legacy(_) => &LEGACY_PLACEHOLDER,
            Problem::InvalidName => &INVALID_PLACEHOLDER_NAME,
            _ => &MALFORMED_PLACEHOLDER,
        };
        if !found.wants(rule, &f.text.path) {
            continue;
        }
        let d = match &m.problem {
            Problem::Legacy(n) => Diagnostic::new(
                &LEGACY_PLACEHOLDER,
                &f.text.path,
                format!("`{{{}}}` is a single-brace placeholder; Meta shows it as text", m.inner.trim()),
            )
            .help(format!("write `{{{{{n}}}}}`")),
            Problem::InvalidName => Diagnostic::new(
                &INVALID_PLACEHOLDER_NAME,
                &f.text.path,
                format!("placeholder `{{{{{}}}}}` {}", m.inner, describe_invalid_name(&m.inner)),
            ),
            Problem::Empty => Diagnostic::new(&MALFORMED_PLACEHOLDER, &f.text.path, "placeholder is empty"),
            Problem::Unbalanced => {
                Diagnostic::new(&MALFORMED_PLACEHOLDER, &f.text.path, "placeholder braces do not match")
                    .help(format!("write `{{{{{}}}}}`", m.inner.trim()))
            }
            Problem::ExtraBraces => {
                Diagnostic::new(&MALFORMED_PLACEHOLDER, &f.text.path, "placeholder has more than two braces")
                    .help(format!("write `{{{{{}}}}}`", m.inner.trim()))
            }
            Problem::Unclosed => {
                Diagnostic::new(&MALFORMED_PLACEHOLDER, &f.text.path, "placeholder is not closed with `}}`")
            }
            Problem::StrayClose => {
                Diagnostic::new(&MALFORMED_PLACEHOLDER, &f.text.path, "`}}` without a matching `{{`")
            }
        };
        found.push(d.at(text, m.range.clone()));
    }
    for p in &f.scan.placeholders {
        if p.spaced && found.wants(&PLACEHOLDER_WHITESPACE, &f.text.path) {
            found.push(
                Diagnostic::new(
                    &PLACEHOLDER_WHITESPACE,
                    &f.text.path,
                    format!("spaces inside `{}`", &text[p.range.clone()]),
                )
                .at(text, p.range.clone())
                .help(format!("write `{}`", p.key.display())),
            );
        }
        if let Key::Named(name) = &p.key {
            if name.chars().count() > 20 && found.wants(&PARAMETER_NAME_TOO_LONG, &f.text.path) {
                found.push(
                    Diagnostic::new(
                        &PARAMETER_NAME_TOO_LONG,
                        &f.text.path,
                        format!("parameter name `{name}` is longer than 20 characters"),
                    )
                    .at(text, p.range.clone()),
                );
            }
            if name.bytes().any(|b| b.is_ascii_digit()) && found.wants(&PARAMETER_NAME_DIGITS, &f.text.path) {
                found.push(
                    Diagnostic::new(
                        &PARAMETER_NAME_DIGITS,
                        &f.text.path,
                        format!("parameter name `{name}` contains digits"),
                    )
                    .at(text, p.range.clone()),
                );
            }
        }
    }
}

fn sequence(f: &Field, found: &mut Findings) {
    let positional: Vec<&Placeholder> =
        f.scan.placeholders.iter().filter(|p| matches!(p.key, Key::Positional(_))).collect();
    let mut seen = crate::lexicon::SmallSet::new();
    for p in &positional {
        let Key::Positional(n) = p.key else { continue };
        if seen.contains(&n) {
            continue;
        }
        let expected = seen.len() as u32 + 1;
        if n != expected {
            let later = positional.iter().any(|q| q.key == Key::Positional(expected));
            let msg = if later {
                format!("{{{{{n}}}}} appears before {{{{{expected}}}}}")
            } else if expected == 1 {
                format!("parameters start at {{{{{n}}}}} instead of {{{{1}}}}")
            } else {
                format!("{{{{{n}}}}} follows {{{{{}}}}}; {{{{{expected}}}}} is missing", expected - 1)
            };
            found.push(Diagnostic::new(&PLACEHOLDER_SEQUENCE, &f.text.path, msg).at(&f.text.value, p.range.clone()));
            return;
        }
        seen.insert(n);
    }
}

fn adjacent(f: &Field, found: &mut Findings) {
    let text = &f.text.value;
    for pair in f.scan.placeholders.windows(2) {
        if !found.wants(&ADJACENT_VARIABLES, &f.text.path) {
            break;
        }
        let between = &text[pair[0].range.end..pair[1].range.start];
        if between.chars().all(char::is_whitespace) {
            found.push(
                Diagnostic::new(
                    &ADJACENT_VARIABLES,
                    &f.text.path,
                    format!("{} and {} have no text between them", pair[0].key.display(), pair[1].key.display()),
                )
                .at(text, pair[0].range.start..pair[1].range.end),
            );
        }
    }
}

fn edges(f: &Field, found: &mut Findings) {
    let text = &f.text.value;
    let (Some(first), Some(last)) = (f.scan.placeholders.first(), f.scan.placeholders.last()) else { return };
    let no_words = |s: &str| !s.chars().any(char::is_alphanumeric);
    if no_words(&text[..first.range.start]) {
        found.push(
            Diagnostic::new(
                &VARIABLE_AT_EDGE,
                &f.text.path,
                format!("body starts with the parameter {}", first.key.display()),
            )
            .at(text, first.range.clone()),
        );
    }
    if no_words(&text[last.range.end..]) {
        found.push(
            Diagnostic::new(
                &VARIABLE_AT_EDGE,
                &f.text.path,
                format!("body ends with the parameter {}", last.key.display()),
            )
            .at(text, last.range.clone()),
        );
    }
}

/// Words that are not parameters (whitespace-separated tokens with a letter or digit), counted
/// up to `enough`: only a count below it is reported.
fn fixed_words(f: &Field, enough: usize) -> usize {
    let text = &f.text.value;
    let ends = f.scan.placeholders.iter().map(|p| p.range.clone()).chain(std::iter::once(text.len()..text.len()));
    let mut words = 0;
    let mut from = 0;
    for p in ends {
        let left = enough.saturating_sub(words);
        words +=
            text[from..p.start].split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).take(left).count();
        if words >= enough {
            break;
        }
        from = p.end;
    }
    words
}

fn density(f: &Field, found: &mut Findings) {
    let p = f.scan.placeholders.len();
    if p == 0 {
        return;
    }
    let words = fixed_words(f, 2 * p + 1);
    if words < 2 * p + 1 {
        found.push(
            Diagnostic::new(
                &VARIABLE_DENSITY,
                &f.text.path,
                format!(
                    "{p} parameter{} with {words} fixed word{}; {} or more words are advised",
                    if p == 1 { "" } else { "s" },
                    if words == 1 { "" } else { "s" },
                    2 * p + 1
                ),
            )
            .at(&f.text.value, 0..f.text.value.len()),
        );
    }
}

fn url_position(f: &Field, found: &mut Findings) {
    let text = &f.text.value;
    if let Some(second) = f.scan.placeholders.get(1) {
        found.push(
            Diagnostic::new(&URL_VARIABLE_POSITION, &f.text.path, "URL has more than one parameter")
                .at(text, second.range.clone()),
        );
    } else if let Some(p) = f.scan.placeholders.first() {
        if p.range.end != text.trim_end().len() {
            found.push(
                Diagnostic::new(&URL_VARIABLE_POSITION, &f.text.path, "URL parameter is not at the end of the URL")
                    .at(text, p.range.clone()),
            );
        }
    }
}

fn format_and_mixing(cx: &Context, found: &mut Findings) {
    let declared = cx.template.parameter_format.as_ref().map(|p| p.value.to_ascii_uppercase());
    let named_declared = declared.as_deref() == Some("NAMED");
    let known_format = matches!(declared.as_deref(), None | Some("NAMED" | "POSITIONAL"));
    let mut first_style: Option<bool> = None; // Some(true) = named
    let mut mixed_reported = false;
    for f in cx
        .fields
        .iter()
        .filter(|f| matches!(f.role, Role::HeaderText | Role::Body | Role::CardHeaderText | Role::CardBody))
    {
        for p in &f.scan.placeholders {
            let named = matches!(p.key, Key::Named(_));
            match first_style {
                None => first_style = Some(named),
                Some(style) if style != named && !mixed_reported => {
                    mixed_reported = true;
                    found.push(
                        Diagnostic::new(
                            &MIXED_PLACEHOLDER_STYLES,
                            &f.text.path,
                            format!(
                                "{} mixes {} parameters into a template that uses {} ones",
                                p.key.display(),
                                style_name(named),
                                style_name(style)
                            ),
                        )
                        .at(&f.text.value, p.range.clone()),
                    );
                }
                Some(_) => {}
            }
        }
        if !known_format {
            continue;
        }
        let offending = f.scan.placeholders.iter().find(|p| matches!(p.key, Key::Named(_)) != named_declared);
        if let Some(p) = offending {
            let (msg, help) = if named_declared {
                (
                    format!("{} is positional but `parameter_format` is NAMED", p.key.display()),
                    "use named parameters such as `{{first_name}}`, or set `parameter_format` to POSITIONAL",
                )
            } else {
                (
                    format!(
                        "{} is named but `parameter_format` is {}",
                        p.key.display(),
                        if declared.is_some() { "POSITIONAL" } else { "not set (POSITIONAL)" }
                    ),
                    "set `\"parameter_format\": \"NAMED\"`",
                )
            };
            found.push(
                Diagnostic::new(&PARAMETER_FORMAT_MISMATCH, &f.text.path, msg)
                    .at(&f.text.value, p.range.clone())
                    .help(help),
            );
        }
    }
    let distinct: crate::lexicon::SmallSet<&Key> = cx
        .fields
        .iter()
        .filter(|f| matches!(f.role, Role::HeaderText | Role::Body))
        .flat_map(|f| f.scan.placeholders.iter().map(|p| &p.key))
        .collect();
    if distinct.len() > 100 {
        found.push(Diagnostic::new(
            &TOO_MANY_VARIABLES,
            "components",
            format!("{} distinct parameters; providers report a limit of 100", distinct.len()),
        ));
    }
}

fn style_name(named: bool) -> &'static str {
    if named {
        "named"
    } else {
        "positional"
    }
}
