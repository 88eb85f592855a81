//! WP53x–WP55x: the shape of a send request, checked without the template (`src/payload/`):
//! keys, required fields, message types, values, and the limits of interactive messages. Each
//! rule carries the Cloud API error Meta documents for the fault, and the codes it has been
//! seen to answer instead.

use super::Rule;
use crate::diagnostic::{CloudError, Severity};

pub static UNEXPECTED_KEY: Rule = Rule {
    code: "WP530",
    name: "unexpected-key",
    severity: Severity::Error,
    summary: "A key the Cloud API does not take at that place: misspelled (`previewUrl`), in the wrong object (`caption` on audio or sticker, `filename` on an image), or from another endpoint.",
    why: "Meta's OpenAPI spec declares every message object closed (`additionalProperties: false`, M-OA) and the Graph API answers 100 \"Unexpected key\" for such keys (M-ERR: \"unsupported or misspelled parameters\"; seen in WhatsApp-Nodejs-SDK#21 for `template.language`, whatsappcloudapi_wrapper#5 for `audio.caption`). Inside objects where that is not established (interactive actions, template parameters), the finding is a warning.",
    help: "remove the key, or spell it as the Cloud API does",
    fires: r#"`{"type": "text", "text": {"body": "Hi", "previewUrl": true}}`"#,
    passes: r#"`{"type": "text", "text": {"body": "Hi", "preview_url": true}}`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(100)),
};

pub static MISSING_REQUIRED_FIELD: Rule = Rule {
    code: "WP531",
    name: "missing-required-field",
    severity: Severity::Error,
    summary: "A field the message type requires is missing or empty: `to`, the object named by `type`, `text.body`, a media `id` or `link`, coordinates, a contact's `formatted_name`, a reaction's `message_id`, an interactive `action`, `template.name`, `language.code`, a button component's `sub_type` or `index`, a parameter's value.",
    why: "Meta documents 131008 \"Required parameter is missing\" (M-ERR); the Graph API has also been seen to answer 100 (\"The parameter messaging_product is required\", \"Parameter 'text' is mandatory for component parameter type 'text'\", frappe_whatsapp#43). Required fields from M-SEND, M-TEXT, M-IMG, M-LOC, M-CON, M-REACT, M-BTN, M-LIST, M-CTA, M-FLOW and M-OA.",
    help: "add the field",
    fires: r#"`{"messaging_product": "whatsapp", "to": "393331234567", "type": "image", "image": {"caption": "Menu"}}`"#,
    passes: r#"`{"messaging_product": "whatsapp", "to": "393331234567", "type": "image", "image": {"link": "https://example.com/menu.jpg", "caption": "Menu"}}`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(131008).or(&[100])),
};

pub static UNSUPPORTED_MESSAGE_TYPE: Rule = Rule {
    code: "WP532",
    name: "unsupported-message-type",
    severity: Severity::Error,
    summary: "A `type` that is not a Cloud API message type (text, image, audio, video, document, sticker, location, contacts, interactive, template, reaction; pin in groups).",
    why: "Meta answers 131051 \"Unsupported message type\" (M-ERR); the types are those of M-SEND and M-OA MessageRequest, plus `pin` for groups (M-GRP).",
    help: "use one of the Cloud API message types",
    fires: r#"`"type": "button"`"#,
    passes: r#"`"type": "interactive"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(131051)),
};

pub static INVALID_FIELD_VALUE: Rule = Rule {
    code: "WP533",
    name: "invalid-field-value",
    severity: Severity::Error,
    summary: "A value the field does not take: an unknown `recipient_type`, interactive `type`, header `type` or `action.name`; both `id` and `link` on media; a link that is not http(s); coordinates out of range; a birthday not written YYYY-MM-DD; a number outside its range; a contextual reaction; a group message of a type groups do not take.",
    why: "Meta documents 131009 \"Parameter value is not valid\" (M-ERR), the answer seen for interactive values (whatsapp-api-js#54); the Graph API answers some value faults with 100. Allowed values from M-SEND, M-IMG, M-LOC, M-CON, M-CTX, M-GRP and M-OA.",
    help: "use one of the values the field takes",
    fires: r#"`{"type": "image", "image": {"id": "1234", "link": "https://example.com/a.jpg"}}`"#,
    passes: r#"`{"type": "image", "image": {"id": "1234"}}`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(131009).or(&[100])),
};

pub static INTERACTIVE_TEXT_TOO_LONG: Rule = Rule {
    code: "WP540",
    name: "interactive-text-too-long",
    severity: Severity::Error,
    summary: "A text of an interactive message over its limit (or empty where it must not be): header 60, body 1,024 (list 4,096), footer 60, reply-button title 20 and id 256, list button 20, row title 24, id 200 and description 72, section title 24, call-to-action label 20, `flow_cta` 30, carousel card body 160.",
    why: "Limits from M-BTN, M-LIST, M-CTA, M-FLOW, M-MCAR, M-CALLB and M-OA, kept with their sources in data/send-limits.json (conflicts: list body, `flow_cta`). Meta answers 131009 (\"Button title length invalid\", netflie/whatsapp-cloud-api#87 for a long list footer); its error table puts length faults under 100 (M-ERR).",
    help: "shorten the text",
    fires: "a reply button titled `Confirm my booking` (20 characters) plus one more letter",
    passes: "a reply-button title of exactly 20 characters",
    uncertain: false,
    meta_error: Some(CloudError::code(131009).or(&[100])),
};

pub static INTERACTIVE_ITEM_COUNT: Rule = Rule {
    code: "WP541",
    name: "interactive-item-count",
    severity: Severity::Error,
    summary: "Too many or too few items in an interactive message: 1–3 reply buttons, 1–10 list sections and at most 10 rows in all, 1–10 product sections with at most 30 products each, 2–10 carousel cards.",
    why: "Counts from M-BTN, M-LIST, M-SHARE, M-MCAR and M-PCAR (data/send-limits.json; the products-per-message conflict is kept there). Meta answers 131009 (\"Total row count exceed max allowed count: 10\").",
    help: "remove items, or split the message",
    fires: "a list whose sections hold 11 rows in all",
    passes: "a list whose sections hold 10 rows in all",
    uncertain: false,
    meta_error: Some(CloudError::code(131009).or(&[100])),
};

pub static INTERACTIVE_DUPLICATE: Rule = Rule {
    code: "WP542",
    name: "interactive-duplicate",
    severity: Severity::Error,
    summary: "Two reply buttons with the same title or id, two list rows with the same id, or two carousel cards with the same `card_index`.",
    why: "Reply-button titles and ids must be unique (M-BTN), row ids unique (M-LIST), card indexes unique (M-MCAR, M-PCAR); Meta answers 131009.",
    help: "give each button, row and card its own title, id or index",
    fires: "two reply buttons titled `Yes`",
    passes: "reply buttons titled `Yes` and `No`",
    uncertain: false,
    meta_error: Some(CloudError::code(131009)),
};

pub static INTERACTIVE_HEADER: Rule = Rule {
    code: "WP543",
    name: "interactive-header-mismatch",
    severity: Severity::Error,
    summary: "A header the interactive type does not take, or lacks: a media header on a list, any header on a product, call-permission or carousel message, no text header on a product list; a header `type` without its object.",
    why: "List headers are text only (M-LIST); product messages take no header and product lists need a text header (M-SHARE); call-permission requests and carousels take none (M-CALLP, M-MCAR, M-PCAR). A text header without text gets 131009 \"Text cannot be null for header type text\" (whatsapp-api-js#54).",
    help: "use the header the interactive type takes, or none",
    fires: r#"a list message with `"header": {"type": "image", ...}`"#,
    passes: r#"a list message with `"header": {"type": "text", "text": "Menu"}`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(131009)),
};

pub static CAROUSEL_CARDS_DIFFER: Rule = Rule {
    code: "WP544",
    name: "carousel-cards-differ",
    severity: Severity::Error,
    summary: "Cards of one carousel message that are not alike: headers of different media types, cards of different types, or products from different catalogs.",
    why: "Every card of a media carousel has the same header type, and every card of a product carousel the same catalog (M-MCAR, M-PCAR).",
    help: "make every card the same kind: all image or all video headers, one catalog",
    fires: "a media carousel with an image card and a video card",
    passes: "a media carousel whose cards all have image headers",
    uncertain: false,
    meta_error: Some(CloudError::code(131009)),
};

pub static DISPUTED_LIMIT: Rule = Rule {
    code: "WP546",
    name: "disputed-limit",
    severity: Severity::Warning,
    summary: "A length or count that Meta's current page for the message allows but another Meta source, or Meta's own answers, put lower: a list body over 1,024 characters (4,096 allowed), `flow_cta` over 20 (30 allowed), more than 5 contacts (257 allowed), more than 30 products across a product list's sections.",
    why: "Where Meta's sources disagree the limit that does not block a documented request applies, and both sides are kept in data/send-limits.json (M-LIST vs M-OA BodyObject and M-REF; M-FLOW vs the older flow page; M-CON vs M-OA; M-MPM table vs its syntax). For list bodies Meta has answered 131009 \"Body text length invalid. Min length: 1, Max length: 1024\" in production (uncertain).",
    help: "stay within the lower limit to be safe, or override the limit (`limits` option) once you know which applies",
    fires: "a list message whose body has 2,000 characters",
    passes: "a list message whose body has 1,024 characters",
    uncertain: true,
    meta_error: None,
};

pub static GROUP_MESSAGE_TYPE: Rule = Rule {
    code: "WP545",
    name: "group-message-type",
    severity: Severity::Warning,
    summary: "A group message of a type Meta does not list for groups (interactive, reaction, location, contacts, sticker), or a pin outside a group.",
    why: "Meta documents text, media and text- or media-based templates for groups, and pins only there (M-GRP); that other types fail is an inference (uncertain).",
    help: "send groups text, media or template messages",
    fires: r#"`{"recipient_type": "group", "type": "interactive", ...}`"#,
    passes: r#"`{"recipient_type": "group", "type": "text", ...}`"#,
    uncertain: true,
    meta_error: Some(CloudError::code(131009)),
};

pub static MARKETING_ENDPOINT_MESSAGE: Rule = Rule {
    code: "WP550",
    name: "marketing-endpoint-message",
    severity: Severity::Error,
    summary: "A request to `/marketing_messages` that is not a template message.",
    why: "The Marketing Messages API only carries marketing templates; other messages get 100 \"Message must be a template message\" (M-MM, M-ERR).",
    help: "send this message through `/messages`",
    fires: r#"a text message with `endpoint: "marketing_messages"`"#,
    passes: r#"a marketing template with `endpoint: "marketing_messages"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(100)),
};

pub static MARKETING_ENDPOINT_CATEGORY: Rule = Rule {
    code: "WP551",
    name: "marketing-endpoint-category",
    severity: Severity::Error,
    summary: "A utility or authentication template sent to `/marketing_messages`.",
    why: "Only marketing templates are supported there: 131055 \"Only marketing template messages are supported\", 134100 from v23.0 (M-MM, M-ERR).",
    help: "send utility and authentication templates through `/messages`",
    fires: r#"a UTILITY template with `endpoint: "marketing_messages"`"#,
    passes: r#"a MARKETING template with `endpoint: "marketing_messages"`"#,
    uncertain: false,
    meta_error: Some(CloudError::code(134100).or(&[131055])),
};

/// Dated by `routing.marketing_templates` in `data/send-limits.json`: Meta's date and the end
/// a third party reports, both read from there for the send's `now`.
pub static MARKETING_TEMPLATE_ON_MESSAGES: Rule = Rule {
    code: "WP554",
    name: "marketing-template-on-messages",
    severity: Severity::Warning,
    summary: "A MARKETING template sent through `/messages` on or after 2026-09-21 (needs `templates`, for the category, and `now`).",
    why: "Meta's \"Route template messages by category\" (2026-09-21, M-ROUTE) sends MARKETING templates to `/marketing_messages` (M-MM), routed on `new_category` from a completed `template_category_update` webhook; `/messages` still delivers them, so this is a warning. A third party reports that marketing templates through `/messages` end on 2027-10-13 (chatwoot discussion #16330; not in Meta's docs): the date is data, tagged `reported`, and the message names it — as coming, or as past with the send possibly refused — but the finding stays a warning after it too, because a date no Meta source gives never blocks a send (as a secondary limit only warns).",
    help: "send marketing templates to `/marketing_messages` (`endpoint: \"marketing_messages\"`)",
    fires: r#"a MARKETING template to `/messages` with `now: "2026-10-01T09:00:00Z"`"#,
    passes: r#"the same send with `now: "2026-09-20T23:59:59Z"`, or with `endpoint: "marketing_messages"`, or a UTILITY template"#,
    uncertain: false,
    meta_error: None,
};

pub static AUTHENTICATION_TO_USER_ID: Rule = Rule {
    code: "WP552",
    name: "authentication-to-user-id",
    severity: Severity::Error,
    summary: "An authentication template (copy code, one tap, zero tap) addressed to a business-scoped user ID instead of a phone number.",
    why: "\"You can only send authentication messages to recipients' phone numbers, not their business-scoped user IDs\": 131062 (M-BSUID).",
    help: "send the code to the user's phone number",
    fires: r#"an authentication template to `"to": "user.9373795779eb6441"`"#,
    passes: "the same template to `+39 333 123 4567`",
    uncertain: false,
    meta_error: Some(CloudError::code(131062)),
};

pub static AUTHENTICATION_CODE_MISMATCH: Rule = Rule {
    code: "WP553",
    name: "authentication-code-mismatch",
    severity: Severity::Warning,
    summary: "An authentication send whose body code and button code differ.",
    why: "The one-time code \"must appear twice in the payload\", as the body parameter and as the URL button's parameter (M-AUTH); what Meta does with two different codes is not documented, but the button copies or fills in the button's code while the body shows the other (uncertain).",
    help: "send the same code in the body and in the button",
    fires: "body code `482913` with button code `482914`",
    passes: "body code `482913` with button code `482913`",
    uncertain: true,
    meta_error: Some(CloudError::code(132018)),
};
