//! Interactive messages (free-form only): reply buttons, lists, call-to-action URLs, Flows,
//! location requests, addresses, catalogs, products and product lists, media and product
//! carousels, call-permission requests and call buttons (M-BTN, M-LIST, M-CTA, M-FLOW,
//! M-LOCREQ, M-ADDR, M-SHARE, M-MCAR, M-PCAR, M-CALLP, M-CALLB, M-OA InteractiveObject).
//!
//! The header, body and footer are checked against the interactive type; the action with the
//! table of that type. Meta refuses unknown keys in the `interactive` object itself ("Unexpected
//! key \"templateId\" on param \"interactive\""); below it that is not established, and SDKs send
//! keys Meta's pages do not list (`action.parameters.request_message` on location requests), so
//! an unknown key there warns. Types Meta's enumeration accepts but that are not documented for
//! businesses (`order_details`, `order_status` of payments and others) have their action
//! left alone.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::media::media_source;
use super::schema::{as_array, as_object, as_text, check_object, count_limit, text_limit, Field as F, Kind, Ty};
use super::{Cx, Path};
use crate::diagnostic::Diagnostic;
use crate::rules::payload as rules;

const S: Ty = Ty::Str;

/// Every `interactive.type` the Graph API's enumeration takes (as seen in its "must be one of"
/// answers, whatsapp-api-js#169) and Meta's pages document.
pub const INTERACTIVE_TYPES: &[&str] = &[
    "button",
    "list",
    "cta_url",
    "flow",
    "location_request_message",
    "address_message",
    "catalog_message",
    "product",
    "product_list",
    "carousel",
    "call_permission_request",
    "voice_call",
    // Asks the user to share their contact details (built by pywa 4.5, Graph API v26.0).
    "request_contact_info",
    "order_details",
    "order_status",
    "galaxy_message",
    "menu_options",
    "message_with_link",
    "message_with_link_status",
    "form_message",
];

pub static INTERACTIVE: Kind = Kind {
    what: "the interactive message",
    fields: &[
        F::new("type", S).required().one_of(INTERACTIVE_TYPES),
        F::new("header", Ty::Any),
        F::new("body", Ty::Obj(&BODY)),
        F::new("footer", Ty::Obj(&FOOTER)),
        F::new("action", Ty::Any),
    ],
    strict: true,
    extra: Some(check),
    ..Kind::INTERACTIVE
};

static BODY: Kind = Kind { what: "the body", fields: &[F::new("text", S).required()], ..Kind::INTERACTIVE };

static FOOTER: Kind = Kind {
    what: "the footer",
    fields: &[F::new("text", S).required().limit("interactive.footer")],
    ..Kind::INTERACTIVE
};

static HEADER: Kind = Kind {
    what: "the header",
    fields: &[
        F::new("type", S).required().one_of(&["text", "image", "video", "document"]),
        F::new("text", S).limit("interactive.header.text"),
        F::new("sub_text", S).limit("interactive.header.text"),
        F::new("image", Ty::Obj(&HEADER_MEDIA)),
        F::new("video", Ty::Obj(&HEADER_MEDIA)),
        F::new("document", Ty::Obj(&HEADER_DOCUMENT)),
    ],
    extra: Some(header_object),
    ..Kind::INTERACTIVE
};

static HEADER_MEDIA: Kind = Kind {
    what: "the header media",
    fields: &[F::new("id", S), F::new("link", S)],
    extra: Some(media_source),
    ..Kind::INTERACTIVE
};

static HEADER_DOCUMENT: Kind = Kind {
    what: "the header document",
    fields: &[F::new("id", S), F::new("link", S), F::new("filename", S)],
    extra: Some(media_source),
    ..Kind::INTERACTIVE
};

/// A header of `type` carries that object (`{"type": "text", "text": …}`).
fn header_object(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(ty) = obj.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase()) else { return };
    let present = obj.get(ty.as_str()).is_some_and(|v| !v.is_null() && as_text(v).is_none_or(|t| !t.trim().is_empty()));
    if matches!(ty.as_str(), "text" | "image" | "video" | "document") && !present {
        cx.push(Diagnostic::new(
            &rules::INTERACTIVE_HEADER,
            path.key(&ty).to_string(),
            format!("a `{ty}` header needs its `{ty}`"),
        ));
    }
}

/// What a type takes: its header, whether a body is required, whether a footer is allowed,
/// the body's limit, and its action.
struct TypeRules {
    headers: &'static [&'static str],
    header_required: bool,
    body_required: bool,
    footer: bool,
    body_limit: &'static str,
    action: Option<&'static Kind>,
}

fn rules_of(ty: &str) -> Option<TypeRules> {
    const MEDIA: &[&str] = &["text", "image", "video", "document"];
    let r = |headers, body_required, footer, action| TypeRules {
        headers,
        header_required: false,
        body_required,
        footer,
        body_limit: "interactive.body",
        action: Some(action),
    };
    Some(match ty {
        "button" => r(MEDIA, true, true, &BUTTON_ACTION),
        "list" => TypeRules { body_limit: "list.body", ..r(&["text"], true, true, &LIST_ACTION) },
        "cta_url" => r(MEDIA, true, true, &CTA_URL_ACTION),
        "flow" => r(MEDIA, true, true, &FLOW_ACTION),
        "location_request_message" => r(&[], true, false, &LOCATION_REQUEST_ACTION),
        "address_message" => r(&[], true, true, &ADDRESS_ACTION),
        "catalog_message" => r(&[], true, true, &CATALOG_ACTION),
        "product" => r(&[], false, true, &PRODUCT_ACTION),
        "product_list" => TypeRules { header_required: true, ..r(&["text"], true, true, &PRODUCT_LIST_ACTION) },
        "carousel" => r(&[], true, false, &CAROUSEL_ACTION),
        "call_permission_request" => r(&[], false, false, &CALL_PERMISSION_ACTION),
        "voice_call" => r(MEDIA, false, true, &VOICE_CALL_ACTION),
        _ => return None,
    })
}

fn check(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(ty) = obj.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase()) else { return };
    let header = obj.get("header").filter(|v| !v.is_null());
    // Types Meta's enumeration takes but that are not modelled here (payments' `order_details`
    // and `order_status`, whose headers carry a `provider`, and undocumented ones) are left alone.
    let Some(r) = rules_of(&ty) else { return };
    let hp = path.key("header");
    match header {
        None if r.header_required => cx.push(Diagnostic::new(
            &rules::INTERACTIVE_HEADER,
            hp.to_string(),
            format!("a `{ty}` message needs a text header"),
        )),
        None => {}
        Some(h) => match as_object(h) {
            None => cx.push(Diagnostic::new(
                &crate::rules::sending::INVALID_SEND_PAYLOAD,
                hp.to_string(),
                format!("`header` must be an object, found {}", crate::template::json_kind(h)),
            )),
            Some(h) => {
                let hty = h.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase());
                match hty {
                    _ if r.headers.is_empty() => cx.push(Diagnostic::new(
                        &rules::INTERACTIVE_HEADER,
                        hp.to_string(),
                        format!("a `{ty}` message takes no header"),
                    )),
                    Some(hty) if HEADER_TYPES.contains(&hty.as_str()) && !r.headers.contains(&hty.as_str()) => {
                        cx.push(Diagnostic::new(
                            &rules::INTERACTIVE_HEADER,
                            hp.to_string(),
                            format!("a `{ty}` message takes a text header, not {hty}"),
                        ))
                    }
                    _ => check_object(&h, &HEADER, &hp, cx),
                }
            }
        },
    }
    let bp = path.key("body");
    match obj.get("body").filter(|v| !v.is_null()).and_then(as_object) {
        None if r.body_required && obj.get("body").is_none_or(Value::is_null) => cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            bp.to_string(),
            format!("a `{ty}` message needs a `body` with text"),
        )),
        Some(b) => {
            let tp = bp.key("text");
            if let Some(text) = b.get("text").and_then(as_text).filter(|t| !t.trim().is_empty()) {
                text_limit(&text, r.body_limit, &rules::INTERACTIVE_TEXT_TOO_LONG, &tp, cx);
            }
        }
        None => {}
    }
    if !r.footer && obj.get("footer").is_some_and(|f| !f.is_null()) {
        cx.push(Diagnostic::new(
            &rules::UNEXPECTED_KEY,
            path.key("footer").to_string(),
            format!("a `{ty}` message takes no footer"),
        ));
    }
    let ap = path.key("action");
    match obj.get("action").filter(|v| !v.is_null()) {
        None => cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            ap.to_string(),
            format!("a `{ty}` message needs an `action`"),
        )),
        Some(a) => match (as_object(a), r.action) {
            (Some(a), Some(kind)) => check_object(&a, kind, &ap, cx),
            (None, _) => cx.push(Diagnostic::new(
                &crate::rules::sending::INVALID_SEND_PAYLOAD,
                ap.to_string(),
                format!("`action` must be an object, found {}", crate::template::json_kind(a)),
            )),
            _ => {}
        },
    }
}

const HEADER_TYPES: &[&str] = &["text", "image", "video", "document"];

static BUTTON_ACTION: Kind = Kind {
    what: "the reply-buttons action",
    fields: &[F::new("buttons", Ty::List(&REPLY_BUTTON)).required().limit("buttons.count")],
    extra: Some(unique_buttons),
    ..Kind::INTERACTIVE
};

static REPLY_BUTTON: Kind = Kind {
    what: "the button",
    fields: &[F::new("type", S).required().one_of(&["reply"]), F::new("reply", Ty::Obj(&REPLY)).required()],
    ..Kind::INTERACTIVE
};

static REPLY: Kind = Kind {
    what: "the reply",
    fields: &[F::new("id", S).required().limit("button.id"), F::new("title", S).required().limit("button.title")],
    extra: Some(reply_id),
    ..Kind::INTERACTIVE
};

fn reply_id(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    if let Some(id) = obj.get("id").and_then(as_text) {
        if !id.is_empty() && id.trim() != id {
            cx.push(Diagnostic::new(
                &rules::INVALID_FIELD_VALUE,
                path.key("id").to_string(),
                "a reply id cannot start or end with spaces",
            ));
        }
    }
}

/// Titles and ids of reply buttons are unique (M-BTN).
fn unique_buttons(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    unique_replies(obj, "reply", "two reply buttons", path, cx);
}

/// The buttons of `obj` (`{"buttons": [{"<inner>": {"id", "title"}}]}`) have distinct titles and
/// distinct ids (spaces at the ends aside; case counts).
fn unique_replies(obj: &Map<String, Value>, inner: &str, who: &str, path: &Path, cx: &mut Cx) {
    let Some(list) = obj.get("buttons").and_then(as_array) else { return };
    let lp = path.key("buttons");
    for key in ["title", "id"] {
        let mut seen = HashSet::new();
        for (i, b) in list.iter().enumerate() {
            let Some(v) = b.get(inner).and_then(|r| r.get(key)).and_then(as_text) else { continue };
            if !seen.insert(v.trim().to_string()) {
                let bp = lp.index(i);
                let rp = bp.key(inner);
                cx.push(Diagnostic::new(
                    &rules::INTERACTIVE_DUPLICATE,
                    rp.key(key).to_string(),
                    format!("{who} have the {key} `{v}`"),
                ));
            }
        }
    }
}

static LIST_ACTION: Kind = Kind {
    what: "the list action",
    fields: &[
        F::new("button", S).required().limit("list.button"),
        F::new("sections", Ty::List(&LIST_SECTION)).required().limit("list.sections"),
    ],
    extra: Some(list_rows),
    ..Kind::INTERACTIVE
};

static LIST_SECTION: Kind = Kind {
    what: "the section",
    fields: &[F::new("title", S).limit("section.title"), F::new("rows", Ty::List(&LIST_ROW)).required()],
    ..Kind::INTERACTIVE
};

static LIST_ROW: Kind = Kind {
    what: "the row",
    fields: &[
        F::new("id", S).required().limit("list.row.id"),
        F::new("title", S).required().limit("list.row.title"),
        F::new("description", S).limit("list.row.description"),
    ],
    ..Kind::INTERACTIVE
};

/// At most 10 rows across all sections, row ids unique, and section titles when there are
/// several sections (M-LIST).
fn list_rows(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(sections) = obj.get("sections").and_then(as_array) else { return };
    let sp = path.key("sections");
    let rows: Vec<(usize, usize, &Value)> = sections
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.get("rows").and_then(Value::as_array).into_iter().flatten().enumerate().map(move |(j, r)| (i, j, r))
        })
        .collect();
    count_limit(rows.len(), "list.rows", &rules::INTERACTIVE_ITEM_COUNT, "rows across the sections", &sp, cx);
    let mut seen = HashSet::new();
    for (i, j, r) in &rows {
        if let Some(id) = r.get("id").and_then(as_text) {
            if !seen.insert(id.to_string()) {
                let s = sp.index(*i);
                let rp = s.key("rows");
                let row = rp.index(*j);
                cx.push(Diagnostic::new(
                    &rules::INTERACTIVE_DUPLICATE,
                    row.key("id").to_string(),
                    format!("two rows have the id `{id}`"),
                ));
            }
        }
    }
    section_titles(&sections, &sp, cx);
}

/// With more than one section, each needs a title (M-LIST, M-SHARE).
fn section_titles(sections: &[Value], sp: &Path, cx: &mut Cx) {
    if sections.len() < 2 {
        return;
    }
    for (i, s) in sections.iter().enumerate() {
        let missing = s.get("title").and_then(as_text).is_none_or(|t| t.trim().is_empty());
        if missing && s.is_object() {
            let ip = sp.index(i);
            cx.push(Diagnostic::new(
                &rules::MISSING_REQUIRED_FIELD,
                ip.key("title").to_string(),
                "each section needs a `title` when there are several",
            ));
        }
    }
}

static CTA_URL_ACTION: Kind = Kind {
    what: "the call-to-action",
    fields: &[
        F::new("name", S).required().one_of(&["cta_url"]),
        F::new("parameters", Ty::Obj(&CTA_URL_PARAMETERS)).required(),
    ],
    ..Kind::INTERACTIVE
};

static CTA_URL_PARAMETERS: Kind = Kind {
    what: "the call-to-action parameters",
    fields: &[
        F::new("display_text", S).required().limit("cta_url.display_text"),
        F::new("url", S).required(),
        // India's enhanced payment links (M-PAY-IN).
        F::new("payment_link_preview", Ty::Bool),
    ],
    extra: Some(http_url),
    ..Kind::INTERACTIVE
};

static CARD_CTA_PARAMETERS: Kind = Kind {
    what: "the card's call-to-action parameters",
    fields: &[F::new("display_text", S).required().limit("carousel.card.display_text"), F::new("url", S).required()],
    extra: Some(http_url),
    ..Kind::INTERACTIVE
};

fn http_url(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    if let Some(url) = obj.get("url").and_then(as_text) {
        if !(url.trim().is_empty() || super::has_http_scheme(&url)) {
            cx.push(Diagnostic::new(
                &rules::INVALID_FIELD_VALUE,
                path.key("url").to_string(),
                "the `url` must start with http:// or https://",
            ));
        }
    }
}

static FLOW_ACTION: Kind = Kind {
    what: "the Flow action",
    fields: &[
        F::new("name", S).required().one_of(&["flow"]),
        F::new("parameters", Ty::Obj(&FLOW_PARAMETERS)).required(),
    ],
    ..Kind::INTERACTIVE
};

static FLOW_PARAMETERS: Kind = Kind {
    what: "the Flow parameters",
    fields: &[
        F::new("flow_message_version", S).required().one_of(&["3"]),
        F::new("flow_token", S),
        F::new("flow_id", S),
        F::new("flow_name", S),
        F::new("flow_cta", S).required().limit("flow.flow_cta"),
        F::new("mode", S).one_of(&["draft", "published"]),
        F::new("flow_action", S).one_of(&["navigate", "data_exchange"]),
        F::new("flow_action_payload", Ty::Obj(&FLOW_ACTION_PAYLOAD)),
    ],
    extra: Some(flow_target),
    ..Kind::INTERACTIVE
};

static FLOW_ACTION_PAYLOAD: Kind = Kind {
    what: "the Flow action payload",
    fields: &[F::new("screen", S), F::new("data", Ty::Any)],
    extra: Some(flow_data),
    ..Kind::INTERACTIVE
};

/// Exactly one of `flow_id` and `flow_name`; a payload only with `navigate` (M-FLOW).
fn flow_target(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let has = |k: &str| obj.get(k).and_then(as_text).is_some_and(|s| !s.trim().is_empty());
    match (has("flow_id"), has("flow_name")) {
        (false, false) => cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            path.key("flow_id").to_string(),
            "a Flow message names its Flow by `flow_id` or `flow_name`",
        )),
        (true, true) => cx.push(Diagnostic::new(
            &rules::INVALID_FIELD_VALUE,
            path.key("flow_name").to_string(),
            "give `flow_id` or `flow_name`, not both",
        )),
        _ => {}
    }
    let exchange = obj.get("flow_action").and_then(as_text).is_some_and(|a| a.eq_ignore_ascii_case("data_exchange"));
    if exchange && obj.get("flow_action_payload").is_some_and(|p| !p.is_null()) {
        cx.push(Diagnostic::new(
            &rules::INVALID_FIELD_VALUE,
            path.key("flow_action_payload").to_string(),
            "`flow_action_payload` is only for `flow_action: \"navigate\"`",
        ));
    }
}

/// `data`, when given, is a non-empty object, or since 2026 that object serialised as a string
/// (M-FLOW says both on its 2026-06-16 page).
fn flow_data(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let ok = match obj.get("data") {
        None | Some(Value::Null) => true,
        Some(v) => as_object(v).is_some_and(|o| !o.is_empty()),
    };
    if !ok {
        cx.push(Diagnostic::new(
            &rules::INVALID_FIELD_VALUE,
            path.key("data").to_string(),
            "`data` must be a non-empty object (or that object as JSON text)",
        ));
    }
}

static LOCATION_REQUEST_ACTION: Kind = Kind {
    what: "the location request",
    fields: &[F::new("name", S).required().one_of(&["send_location"])],
    ..Kind::INTERACTIVE
};

static ADDRESS_ACTION: Kind = Kind {
    what: "the address action",
    fields: &[
        F::new("name", S).required().one_of(&["address_message"]),
        F::new("parameters", Ty::Obj(&ADDRESS_PARAMETERS)).required(),
    ],
    ..Kind::INTERACTIVE
};

static ADDRESS_PARAMETERS: Kind = Kind {
    what: "the address parameters",
    fields: &[
        F::new("country", S).required(),
        F::new("values", Ty::Any),
        F::new("saved_addresses", Ty::Any),
        F::new("validation_errors", Ty::Any),
    ],
    ..Kind::INTERACTIVE
};

static CATALOG_ACTION: Kind = Kind {
    what: "the catalog action",
    fields: &[
        F::new("name", S).required().one_of(&["catalog_message"]),
        F::new("parameters", Ty::Obj(&CATALOG_PARAMETERS)),
    ],
    ..Kind::INTERACTIVE
};

static CATALOG_PARAMETERS: Kind =
    Kind { what: "the catalog parameters", fields: &[F::new("thumbnail_product_retailer_id", S)], ..Kind::INTERACTIVE };

static PRODUCT_ACTION: Kind = Kind {
    what: "the product action",
    fields: &[F::new("catalog_id", S).required(), F::new("product_retailer_id", S).required()],
    ..Kind::INTERACTIVE
};

static PRODUCT_LIST_ACTION: Kind = Kind {
    what: "the product-list action",
    fields: &[
        F::new("catalog_id", S).required(),
        F::new("sections", Ty::List(&PRODUCT_SECTION)).required().limit("product_list.sections"),
    ],
    extra: Some(product_total),
    ..Kind::INTERACTIVE
};

static PRODUCT_SECTION: Kind = Kind {
    what: "the product section",
    fields: &[
        F::new("title", S).limit("section.title"),
        F::new("product_items", Ty::List(&PRODUCT_ITEM)).required().limit("product_list.products_per_section"),
    ],
    ..Kind::INTERACTIVE
};

static PRODUCT_ITEM: Kind =
    Kind { what: "the product item", fields: &[F::new("product_retailer_id", S).required()], ..Kind::INTERACTIVE };

fn product_total(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(sections) = obj.get("sections").and_then(as_array) else { return };
    let n = sections.iter().filter_map(|s| s.get("product_items").and_then(Value::as_array)).map(Vec::len).sum();
    let sp = path.key("sections");
    count_limit(n, "product_list.products", &rules::INTERACTIVE_ITEM_COUNT, "products across the sections", &sp, cx);
    section_titles(&sections, &sp, cx);
}

static CAROUSEL_ACTION: Kind = Kind {
    what: "the carousel action",
    fields: &[F::new("cards", Ty::List(&CAROUSEL_CARD)).required().limit("carousel.cards")],
    extra: Some(carousel_cards),
    ..Kind::INTERACTIVE
};

static CAROUSEL_CARD: Kind = Kind {
    what: "the card",
    fields: &[
        F::new("card_index", Ty::Int).required().limit("carousel.card_index"),
        F::new("type", S).required().one_of(&["cta_url", "product"]),
        F::new("header", Ty::Any),
        F::new("body", Ty::Obj(&CARD_BODY)),
        F::new("action", Ty::Any),
    ],
    extra: Some(carousel_card),
    ..Kind::INTERACTIVE
};

static CARD_BODY: Kind = Kind {
    what: "the card body",
    fields: &[F::new("text", S).required().limit("carousel.card.body")],
    extra: Some(card_body_lines),
    ..Kind::INTERACTIVE
};

/// A card body has at most two line breaks (M-MCAR).
fn card_body_lines(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    if let Some(t) = obj.get("text").and_then(as_text) {
        if t.matches('\n').count() > 2 {
            cx.push(Diagnostic::new(
                &rules::INVALID_FIELD_VALUE,
                path.key("text").to_string(),
                "a card body has at most 2 line breaks",
            ));
        }
    }
}

static CARD_CTA_ACTION: Kind = Kind {
    what: "the card's action",
    fields: &[
        F::new("name", S).required().one_of(&["cta_url"]),
        F::new("parameters", Ty::Obj(&CARD_CTA_PARAMETERS)).required(),
    ],
    ..Kind::INTERACTIVE
};

static CARD_REPLY_ACTION: Kind = Kind {
    what: "the card's buttons",
    fields: &[
        F::new("buttons", Ty::List(&CARD_REPLY_BUTTON)).required().limit("carousel.card.quick_replies"),
        // Reported with WP533 above when quick replies come with them.
        F::new("name", Ty::Any),
        F::new("parameters", Ty::Any),
    ],
    extra: Some(unique_card_buttons),
    ..Kind::INTERACTIVE
};

static CARD_REPLY_BUTTON: Kind = Kind {
    what: "the card's button",
    fields: &[F::new("type", S).required().one_of(&["quick_reply"]), F::new("quick_reply", Ty::Obj(&REPLY)).required()],
    ..Kind::INTERACTIVE
};

/// A card's quick replies have distinct titles and ids, as reply buttons do.
fn unique_card_buttons(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    unique_replies(obj, "quick_reply", "two of the card's buttons", path, cx);
}

static CARD_HEADER: Kind = Kind {
    what: "the card header",
    fields: &[
        F::new("type", S).required().one_of(&["image", "video"]),
        F::new("image", Ty::Obj(&HEADER_MEDIA)),
        F::new("video", Ty::Obj(&HEADER_MEDIA)),
    ],
    extra: Some(header_object),
    ..Kind::INTERACTIVE
};

/// A media card has an image or video header and a call-to-action; a product card names a
/// product and nothing else (M-MCAR, M-PCAR).
fn carousel_card(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let ty = obj.get("type").and_then(as_text).map(|t| t.to_ascii_lowercase());
    let header = obj.get("header").filter(|v| !v.is_null());
    let action = obj.get("action").filter(|v| !v.is_null());
    let ap = path.key("action");
    match ty.as_deref() {
        Some("cta_url") => {
            match header.map(|h| (h, as_object(h))) {
                None => cx.push(Diagnostic::new(
                    &rules::INTERACTIVE_HEADER,
                    path.key("header").to_string(),
                    "a media card needs an image or video header",
                )),
                Some((_, Some(h))) => check_object(&h, &CARD_HEADER, &path.key("header"), cx),
                Some((h, None)) => wrong_type(h, "header", &path.key("header"), cx),
            }
            match action.map(|a| (a, as_object(a))) {
                None => cx.push(Diagnostic::new(
                    &rules::MISSING_REQUIRED_FIELD,
                    ap.to_string(),
                    "a media card needs an `action`: a call-to-action or quick-reply buttons",
                )),
                // Since 2026 a media card takes quick-reply buttons instead of its URL button
                // (M-MCAR, "one or more quick-reply buttons"; pywa 4.5 and Kapso build this form).
                Some((_, Some(a))) if a.contains_key("buttons") => {
                    if a.contains_key("name") || a.contains_key("parameters") {
                        cx.push(Diagnostic::new(
                            &rules::INVALID_FIELD_VALUE,
                            ap.to_string(),
                            "a card has one URL button or quick-reply buttons, never both",
                        ));
                    }
                    check_object(&a, &CARD_REPLY_ACTION, &ap, cx)
                }
                Some((_, Some(a))) => check_object(&a, &CARD_CTA_ACTION, &ap, cx),
                Some((a, None)) => wrong_type(a, "action", &ap, cx),
            }
        }
        Some("product") => {
            if header.is_some() {
                cx.push(Diagnostic::new(
                    &rules::INTERACTIVE_HEADER,
                    path.key("header").to_string(),
                    "a product card takes no header; the product's image is shown",
                ));
            }
            match action.map(|a| (a, as_object(a))) {
                None => cx.push(Diagnostic::new(
                    &rules::MISSING_REQUIRED_FIELD,
                    ap.to_string(),
                    "a product card needs an `action` naming the product",
                )),
                Some((_, Some(a))) => check_object(&a, &PRODUCT_ACTION, &ap, cx),
                Some((a, None)) => wrong_type(a, "action", &ap, cx),
            }
        }
        _ => {}
    }
}

fn wrong_type(v: &Value, key: &str, p: &Path, cx: &mut Cx) {
    cx.push(Diagnostic::new(
        &crate::rules::sending::INVALID_SEND_PAYLOAD,
        p.to_string(),
        format!("`{key}` must be an object, found {}", crate::template::json_kind(v)),
    ));
}

/// Unique card indexes; one card type, one header type and one catalog across the cards.
fn carousel_cards(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let Some(cards) = obj.get("cards").and_then(as_array) else { return };
    let cp = path.key("cards");
    let mut seen = HashSet::new();
    let text = |v: Option<&Value>| v.and_then(as_text).map(|t| t.to_ascii_lowercase());
    let (mut first_type, mut first_header, mut first_catalog, mut first_action) = (None, None, None, None);
    for (i, card) in cards.iter().enumerate() {
        let ip = cp.index(i);
        if let Some(n) = card.get("card_index").and_then(super::as_int) {
            if !seen.insert(n) {
                cx.push(Diagnostic::new(
                    &rules::INTERACTIVE_DUPLICATE,
                    ip.key("card_index").to_string(),
                    format!("two cards have `card_index` {n}"),
                ));
            }
        }
        let differ = |first: &mut Option<String>, now: Option<String>, what: &str, key: &str, cx: &mut Cx| {
            let Some(now) = now else { return };
            match first {
                None => *first = Some(now),
                Some(f) if *f != now => cx.push(Diagnostic::new(
                    &rules::CAROUSEL_CARDS_DIFFER,
                    ip.key(key).to_string(),
                    format!("card {i} has {what} `{now}`, card 0 has `{f}`"),
                )),
                Some(_) => {}
            }
        };
        differ(&mut first_type, text(card.get("type")), "the type", "type", cx);
        differ(
            &mut first_header,
            text(card.get("header").and_then(|h| h.get("type"))),
            "a header of type",
            "header",
            cx,
        );
        differ(
            &mut first_catalog,
            text(card.get("action").and_then(|a| a.get("catalog_id"))),
            "the catalog",
            "action",
            cx,
        );
        // Button types and numbers match across the cards (M-MCAR).
        let action = card.get("action");
        let buttons = action.and_then(|a| a.get("buttons")).and_then(Value::as_array).map(Vec::len);
        let kind = buttons
            .map(|n| format!("{n} quick-reply buttons"))
            .or_else(|| text(action.and_then(|a| a.get("name"))).map(|n| format!("a {n} button")));
        differ(&mut first_action, kind, "the buttons", "action", cx);
    }
}

static CALL_PERMISSION_ACTION: Kind = Kind {
    what: "the call-permission action",
    fields: &[F::new("name", S).required().one_of(&["call_permission_request"])],
    ..Kind::INTERACTIVE
};

static VOICE_CALL_ACTION: Kind = Kind {
    what: "the call-button action",
    fields: &[
        F::new("name", S).required().one_of(&["voice_call"]),
        F::new("parameters", Ty::Obj(&VOICE_CALL_PARAMETERS)),
    ],
    ..Kind::INTERACTIVE
};

static VOICE_CALL_PARAMETERS: Kind = Kind {
    what: "the call-button parameters",
    fields: &[
        F::new("display_text", S).limit("voice_call.display_text"),
        F::new("ttl_minutes", Ty::Int).limit("voice_call.ttl_minutes"),
        F::new("payload", S).limit("voice_call.payload"),
    ],
    ..Kind::INTERACTIVE
};
