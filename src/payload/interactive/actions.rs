//! The actions of reply buttons, lists, call-to-action URLs, Flows, location and address
//! requests, catalogs, products and product lists.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::payload::schema::{as_array, as_object, as_text, count_limit, has_http_scheme, Field as F, Kind, Ty};
use crate::payload::{Cx, Path};
use crate::rules::payload as rules;

const S: Ty = Ty::Str;

pub(super) static BUTTON_ACTION: Kind = Kind {
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

pub(super) static REPLY: Kind = Kind {
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
pub(super) fn unique_replies(obj: &Map<String, Value>, inner: &str, who: &str, path: &Path, cx: &mut Cx) {
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

pub(super) static LIST_ACTION: Kind = Kind {
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

pub(super) static CTA_URL_ACTION: Kind = Kind {
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

pub(super) static CARD_CTA_PARAMETERS: Kind = Kind {
    what: "the card's call-to-action parameters",
    fields: &[F::new("display_text", S).required().limit("carousel.card.display_text"), F::new("url", S).required()],
    extra: Some(http_url),
    ..Kind::INTERACTIVE
};

fn http_url(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    if let Some(url) = obj.get("url").and_then(as_text) {
        if !(url.trim().is_empty() || has_http_scheme(&url)) {
            cx.push(Diagnostic::new(
                &rules::INVALID_FIELD_VALUE,
                path.key("url").to_string(),
                "the `url` must start with http:// or https://",
            ));
        }
    }
}

pub(super) static FLOW_ACTION: Kind = Kind {
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

pub(super) static LOCATION_REQUEST_ACTION: Kind = Kind {
    what: "the location request",
    fields: &[F::new("name", S).required().one_of(&["send_location"])],
    ..Kind::INTERACTIVE
};

pub(super) static ADDRESS_ACTION: Kind = Kind {
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

pub(super) static CATALOG_ACTION: Kind = Kind {
    what: "the catalog action",
    fields: &[
        F::new("name", S).required().one_of(&["catalog_message"]),
        F::new("parameters", Ty::Obj(&CATALOG_PARAMETERS)),
    ],
    ..Kind::INTERACTIVE
};

static CATALOG_PARAMETERS: Kind =
    Kind { what: "the catalog parameters", fields: &[F::new("thumbnail_product_retailer_id", S)], ..Kind::INTERACTIVE };

pub(super) static PRODUCT_ACTION: Kind = Kind {
    what: "the product action",
    fields: &[F::new("catalog_id", S).required(), F::new("product_retailer_id", S).required()],
    ..Kind::INTERACTIVE
};

pub(super) static PRODUCT_LIST_ACTION: Kind = Kind {
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
