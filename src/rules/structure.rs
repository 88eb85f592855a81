//! WP11x–WP12x: which components a template has, and what each kind of component may hold.
//!
//! Longer than most families (about 620 lines, tests included) because its rules carry their
//! runnable cases in their declarations (about 300 lines); the checks themselves are about 280.

use super::{Context, Findings, Role};
use crate::category::Category;
use crate::diagnostic::Diagnostic;
use crate::template::{ButtonKind, Component, ComponentKind, HeaderFormat};
use crate::text::emoji_ranges;

declare_rules! {
    MISSING_BODY {
        code: "WP110",
        name: "missing-body",
        stage: Template,
        severity: Error,
        summary: "A template without a BODY component.",
        why: "BODY is the only required component (M-COMP).",
        help: "add a component `{\"type\": \"BODY\", \"text\": \"...\"}`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Order update"}, {"type": "FOOTER", "text": "Thanks"}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Order update"}, {"type": "BODY", "text": "Your order has shipped today."}, {"type": "FOOTER", "text": "Thanks"}]}"#,
        ],
    }

    DUPLICATE_COMPONENT {
        code: "WP111",
        name: "duplicate-component",
        stage: Template,
        severity: Error,
        summary: "More than one component of the same type (two BODY, two HEADER...) in a template or a carousel card.",
        why: "A template holds at most one of each component (M-COMP).",
        help: "merge the components into one",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "BODY", "text": "It arrives tomorrow morning."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "FOOTER", "text": "Thanks"}]}"#,
        ],
    }

    EMPTY_TEXT {
        code: "WP112",
        name: "empty-text",
        stage: Template,
        severity: Error,
        summary: "A BODY, TEXT header or FOOTER with no text or only whitespace.",
        why: "These components exist to carry text; Meta rejects them empty (M-COMP). Authentication templates are the exception: Meta supplies their text.",
        help: "write the component's text or remove the component",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "FOOTER", "text": "  "}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY"}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "FOOTER", "text": "Reply STOP to opt out"}]}"#,
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "FOOTER", "code_expiration_minutes": 10}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
    }

    LOCATION_HEADER_CATEGORY {
        code: "WP113",
        name: "location-header-category",
        stage: Template,
        severity: Error,
        summary: "A LOCATION header in a template that is not UTILITY or MARKETING.",
        why: "Location headers are only available to utility and marketing templates (M-COMP).",
        help: "use a TEXT or media header, or change the category",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "HEADER", "format": "LOCATION"}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "LOCATION"}, {"type": "BODY", "text": "Your pickup point is ready for collection."}]}"#,
        ],
    }

    MEDIA_HEADER_MISSING_EXAMPLE {
        code: "WP114",
        name: "media-header-missing-example",
        stage: Template,
        severity: Error,
        summary: "An IMAGE, VIDEO, GIF or DOCUMENT header without `example.header_handle` (a sample uploaded through the Resumable Upload API).",
        why: "Meta reviews media headers against a sample and requires its handle at creation (M-COMP).",
        help: "upload a sample with the Resumable Upload API and add `\"example\": {\"header_handle\": [\"<handle>\"]}`",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "IMAGE"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "DOCUMENT", "example": {"header_handle": []}}, {"type": "BODY", "text": "Your invoice is attached to this message."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "IMAGE"}, {"type": "BODY", "text": "Your order has shipped today."}], "id": "99", "status": "APPROVED"}"#,
        ],
    }

    HEADER_NEWLINE {
        code: "WP115",
        name: "header-newline",
        stage: Template,
        severity: Error,
        summary: "A line break in a TEXT header.",
        why: "A text header is a single line; Meta rejects other header formats with error 2388047 (M-ERR; M-COMP).",
        help: "move the second line into the body",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Order update\nfor you"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Order update for you"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
    }

    HEADER_EMOJI {
        code: "WP116",
        name: "header-emoji",
        stage: Template,
        severity: Warning,
        summary: "An emoji in a TEXT header.",
        why: "Providers report that headers allow no emoji (Bird's template documentation); Meta's pages do not say so, hence a warning.",
        help: "move the emoji into the body",
        uncertain: true,
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Your order 📦"}, {"type": "BODY", "text": "Your order has shipped today."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "HEADER", "format": "TEXT", "text": "Your order"}, {"type": "BODY", "text": "Your order 📦 has shipped today."}]}"#,
        ],
    }

    HEADER_MARKUP {
        code: "WP117",
        name: "header-markup",
        stage: Template,
        severity: Warning,
        summary: "WhatsApp formatting characters (`*`, `_`, `~`, `` ` ``) in a TEXT header, outside placeholders (one finding per header).",
        why: "Meta advises against Markdown special characters in text headers, which are not formatted (M-COMP).",
        help: "remove the formatting characters; headers are already shown in bold",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "HEADER", "format": "TEXT", "text": "*Flash* sale"}, {"type": "BODY", "text": "Our flash sale starts today at noon."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "HEADER", "format": "TEXT", "text": "Flash sale for {{first_name}}", "example": {"header_text_named_params": [{"param_name": "first_name", "example": "Maria"}]}}, {"type": "BODY", "text": "Our flash sale starts today at noon."}], "parameter_format": "NAMED"}"#,
        ],
    }

    OFFER_CATEGORY {
        code: "WP118",
        name: "offer-category",
        stage: Template,
        severity: Error,
        summary: "A LIMITED_TIME_OFFER component in a template that is not MARKETING.",
        why: "Limited-time offers are a marketing template feature (M-MKT).",
        help: "declare the template MARKETING or remove the offer",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SAVE20"}]}]}"#,
        ],
    }

    OFFER_WITH_FOOTER {
        code: "WP119",
        name: "offer-with-footer",
        stage: Template,
        severity: Error,
        summary: "A FOOTER in a template with a LIMITED_TIME_OFFER component.",
        why: "Limited-time offer templates cannot have a footer (M-MKT; PYWA `LimitedTimeOffer`).",
        help: "remove the footer",
        fires: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}, {"type": "FOOTER", "text": "Terms apply"}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SAVE20"}]}]}"#,
        ],
    }

    CAROUSEL_CARD_COUNT {
        code: "WP120",
        name: "carousel-card-count",
        stage: Template,
        severity: Error,
        summary: "A CAROUSEL with fewer than 2 or more than 10 cards.",
        why: "Media-card and product-card carousels hold 2 to 10 cards (M-MKT).",
        help: "use between 2 and 10 cards",
        fires: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
        ],
        passes: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
        ],
    }

    CAROUSEL_CARD_MISMATCH {
        code: "WP121",
        name: "carousel-card-mismatch",
        stage: Template,
        severity: Error,
        summary: "Carousel cards that differ from the first card in header format or in the number, types and order of their buttons.",
        why: "All cards of a carousel must have the same components: the same header format and the same buttons (M-MKT).",
        help: "give every card the same header format and the same buttons",
        fires: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "VIDEO", "example": {"header_handle": ["4::dmlkZW8=:ARc"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Tell me more"}]}]}]}]}"#,
        ],
        passes: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Seaside week, 5 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
        ],
    }

    CAROUSEL_CARD_HEADER {
        code: "WP122",
        name: "carousel-card-header",
        stage: Template,
        severity: Error,
        summary: "A carousel card without an IMAGE, VIDEO or PRODUCT header.",
        why: "Every card shows a media (or product) header; text and document headers are not supported on cards (M-MKT).",
        help: "give the card an IMAGE or VIDEO header with a `header_handle` example",
        fires: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "TEXT", "text": "Alps"}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "TEXT", "text": "Sea"}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
        ],
        passes: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
        ],
    }

    CAROUSEL_CARD_BUTTONS {
        code: "WP123",
        name: "carousel-card-buttons",
        stage: Template,
        severity: Error,
        summary: "A carousel card with no button or more than 2 buttons.",
        why: "Each card has one or two buttons (M-MKT).",
        help: "give the card one or two buttons",
        fires: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "A"}, {"type": "QUICK_REPLY", "text": "B"}, {"type": "QUICK_REPLY", "text": "C"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "A"}, {"type": "QUICK_REPLY", "text": "B"}, {"type": "QUICK_REPLY", "text": "C"}]}]}]}]}"#,
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week."}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Seaside week."}]}]}]}"#,
        ],
        passes: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Tell me more"}, {"type": "URL", "text": "Book", "url": "https://travel.example.com/b"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Tell me more"}, {"type": "URL", "text": "Book", "url": "https://travel.example.com/b"}]}]}]}]}"#,
        ],
    }

    CAROUSEL_EXTRA_COMPONENT {
        code: "WP124",
        name: "carousel-extra-component",
        stage: Template,
        severity: Warning,
        summary: "A HEADER, FOOTER or BUTTONS component next to a CAROUSEL.",
        why: "A carousel message has a body and cards only; providers document that message-level headers, footers and buttons are not supported with carousels (360dialog, Gupshup).",
        help: "put headers and buttons on the cards",
        uncertain: true,
        fires: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}, {"type": "FOOTER", "text": "Terms apply"}]}"#,
        ],
        passes: [
            r#"{"name": "summer_trips", "language": "en_US", "category": "MARKETING", "components": [{"type": "BODY", "text": "Our summer trips are here, pick yours."}, {"type": "CAROUSEL", "cards": [{"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}, {"components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "Alpine week, 7 nights."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Book now", "url": "https://travel.example.com/alps"}]}]}]}]}"#,
        ],
    }

    CALL_PERMISSION_CATEGORY {
        code: "WP125",
        name: "call-permission-category",
        stage: Template,
        severity: Error,
        summary: "A call-permission request (component or button) in an AUTHENTICATION template.",
        why: "Call-permission-request templates are MARKETING or UTILITY (M-CPRT; templates overview of 2025-12-05, M-OV): a UTILITY one is not flagged, neither here nor by the category checks.",
        help: "remove the call-permission request, or declare the template UTILITY or MARKETING",
        fires: [
            r#"{"name": "login_code", "language": "en_US", "category": "AUTHENTICATION", "components": [{"type": "BODY", "add_security_recommendation": true}, {"type": "CALL_PERMISSION_REQUEST"}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}]}"#,
        ],
        passes: [
            r#"{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Your order has shipped today."}, {"type": "CALL_PERMISSION_REQUEST"}]}"#,
        ],
    }

    OFFER_COPY_CODE {
        code: "WP127",
        name: "offer-copy-code",
        stage: Template,
        severity: Error,
        summary: "A limited-time offer with `has_expiration: true` whose first button is not COPY_CODE.",
        why: "With `has_expiration: true` the copy-code button is required and must be the first button (M-LTO, Meta's limited-time-offer templates page, updated 2026-06-17).",
        help: "make a COPY_CODE button the first button, or set `has_expiration` to false",
        fires: [
            r#"{"name": "shoe_sale", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}]}"#,
            r#"{"name": "shoe_sale", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Shop now", "url": "https://shop.example.com/sale"}, {"type": "COPY_CODE", "example": "SAVE20"}]}]}"#,
        ],
        passes: [
            r#"{"name": "shoe_sale", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}, {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SAVE20"}, {"type": "URL", "text": "Shop now", "url": "https://shop.example.com/sale"}]}]}"#,
            r#"{"name": "shoe_sale", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": false}}, {"type": "BODY", "text": "Get 20% off all shoes this weekend only."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Shop now", "url": "https://shop.example.com/sale"}]}]}"#,
        ],
    }

    HEADER_HANDLE_URL {
        code: "WP128",
        name: "header-handle-url",
        stage: Template,
        severity: Warning,
        summary: "A media header whose `example.header_handle` is a link, not an upload handle.",
        why: "A media header's sample is the handle (`4::…`) Meta's Resumable Upload API returns for an uploaded file, not a link (M-COMP `header_handle`; M-LTO).",
        help: "upload the file with the Resumable Upload API and give the handle it returns",
        fires: [
            r#"{"name": "new_arrivals", "language": "en_US", "category": "MARKETING", "components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["https://cdn.example.com/shoes.jpg"]}}, {"type": "BODY", "text": "New shoes have arrived in our store."}]}"#,
        ],
        passes: [
            r#"{"name": "new_arrivals", "language": "en_US", "category": "MARKETING", "components": [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2UvanBlZw==:ARb"]}}, {"type": "BODY", "text": "New shoes have arrived in our store."}]}"#,
        ],
    }
}

#[inline(never)] // one function per stage: see `rules::run`
pub fn check(cx: &mut Context) {
    let t = cx.template;
    let is_auth = cx.category == Some(Category::Authentication);
    if !t.components.is_empty() && t.body().is_none() {
        cx.report(Diagnostic::new(&MISSING_BODY, "components", "template has no BODY component"));
    }
    duplicates(cx, &t.components);
    let has_carousel = t.components.iter().any(|c| matches!(c.kind, ComponentKind::Carousel(_)));
    let has_offer = t.components.iter().any(|c| matches!(c.kind, ComponentKind::LimitedTimeOffer(_)));
    for c in &t.components {
        match &c.kind {
            ComponentKind::Header(h) => {
                if h.format.is_none() {
                    cx.report(
                        Diagnostic::new(
                            &super::shape::MISSING_FIELD,
                            format!("{}.format", c.path),
                            "header has no `format`",
                        )
                        .help("set `format` to TEXT, IMAGE, VIDEO, GIF, DOCUMENT or LOCATION"),
                    );
                }
                if h.format == Some(HeaderFormat::Text) {
                    empty_text(cx, c, h.text.as_ref(), "header");
                }
                if h.format == Some(HeaderFormat::Location) && matches!(cx.category, Some(Category::Authentication)) {
                    cx.report(Diagnostic::new(
                        &LOCATION_HEADER_CATEGORY,
                        format!("{}.format", c.path),
                        "LOCATION headers are only allowed in UTILITY and MARKETING templates",
                    ));
                }
                if h.format.is_some_and(|f| f.is_media()) && !t.is_fetched() {
                    media_example(cx, c);
                }
                if has_carousel {
                    extra_with_carousel(cx, c);
                }
            }
            ComponentKind::Body(b) => {
                if !is_auth {
                    empty_text(cx, c, b.text.as_ref(), "body");
                }
            }
            ComponentKind::Footer(f) => {
                if !(is_auth && f.code_expiration_minutes.is_some()) {
                    empty_text(cx, c, f.text.as_ref(), "footer");
                }
                if has_offer {
                    cx.report(Diagnostic::new(
                        &OFFER_WITH_FOOTER,
                        &c.path,
                        "limited-time offer templates cannot have a footer",
                    ));
                }
                if has_carousel {
                    extra_with_carousel(cx, c);
                }
            }
            ComponentKind::Buttons(buttons) => {
                if has_carousel {
                    extra_with_carousel(cx, c);
                }
                if is_auth {
                    for b in buttons.iter().filter(|b| b.kind == ButtonKind::CallPermissionRequest) {
                        cx.report(Diagnostic::new(
                            &CALL_PERMISSION_CATEGORY,
                            &b.path,
                            "call-permission requests are not available in AUTHENTICATION templates",
                        ));
                    }
                }
            }
            ComponentKind::LimitedTimeOffer(o) => {
                if cx.category.is_some_and(|cat| cat != Category::Marketing) {
                    cx.report(Diagnostic::new(
                        &OFFER_CATEGORY,
                        &c.path,
                        "limited-time offers are only allowed in MARKETING templates",
                    ));
                }
                if o.has_expiration == Some(true) {
                    offer_copy_code(cx, c);
                }
            }
            ComponentKind::Carousel(_) => carousel(cx, c),
            ComponentKind::CallPermissionRequest => {
                if is_auth {
                    cx.report(Diagnostic::new(
                        &CALL_PERMISSION_CATEGORY,
                        &c.path,
                        "call-permission requests are not available in AUTHENTICATION templates",
                    ));
                }
            }
            ComponentKind::Unknown(_) => {}
        }
    }
    header_text_content(cx);
}

fn duplicates(cx: &mut Context, components: &[Component]) {
    let mut seen = crate::lexicon::SmallSet::new();
    for c in components {
        if matches!(c.kind, ComponentKind::Unknown(_)) {
            continue;
        }
        if !seen.insert(c.type_name()) {
            cx.report(Diagnostic::new(
                &DUPLICATE_COMPONENT,
                &c.path,
                format!("a second {} component; a template has at most one", c.type_name()),
            ));
        }
    }
}

fn empty_text(cx: &mut Context, c: &Component, text: Option<&crate::template::Text>, what: &str) {
    match text {
        None => cx.report(Diagnostic::new(&EMPTY_TEXT, format!("{}.text", c.path), format!("{what} has no text"))),
        Some(t) if t.value.trim().is_empty() => {
            cx.report(Diagnostic::new(&EMPTY_TEXT, &t.path, format!("{what} text is empty")));
        }
        Some(_) => {}
    }
}

fn has_header_handle(c: &Component) -> bool {
    c.example
        .as_ref()
        .and_then(|e| e.get("header_handle"))
        .and_then(|h| h.as_array())
        .is_some_and(|a| a.iter().any(|v| v.as_str().is_some_and(|s| !s.trim().is_empty())))
}

fn media_example(cx: &mut Context, c: &Component) {
    if !has_header_handle(c) {
        cx.report(Diagnostic::new(
            &MEDIA_HEADER_MISSING_EXAMPLE,
            format!("{}.example", c.path),
            "media header has no `header_handle` example",
        ));
        return;
    }
    // WP128: a link where the upload handle goes.
    let handle = c.example.as_ref().and_then(|e| e.get("header_handle")?.get(0)?.as_str());
    if handle.is_some_and(|h| h.trim_start().get(..4).is_some_and(|p| p.eq_ignore_ascii_case("http"))) {
        cx.report(Diagnostic::new(
            &HEADER_HANDLE_URL,
            format!("{}.example.header_handle[0]", c.path),
            "`header_handle` holds a link, not an upload handle",
        ));
    }
}

/// WP127: an expiring offer needs a copy-code button, first among the buttons.
fn offer_copy_code(cx: &mut Context, offer: &Component) {
    let buttons = cx.template.buttons();
    let d = match buttons.iter().position(|b| b.kind == ButtonKind::CopyCode) {
        Some(0) => return,
        Some(i) => {
            Diagnostic::new(&OFFER_COPY_CODE, &buttons[i].path, "an expiring offer needs its copy-code button first")
        }
        None => Diagnostic::new(
            &OFFER_COPY_CODE,
            format!("{}.limited_time_offer.has_expiration", offer.path),
            "an expiring offer needs a COPY_CODE button first",
        ),
    };
    cx.report(d);
}

fn extra_with_carousel(cx: &mut Context, c: &Component) {
    cx.report(Diagnostic::new(
        &CAROUSEL_EXTRA_COMPONENT,
        &c.path,
        format!("a {} component next to a carousel is not shown", c.type_name()),
    ));
}

fn header_text_content(cx: &mut Context) {
    let mut found = Findings::default();
    for f in cx.fields(Role::HeaderText) {
        let text = &f.text.value;
        if let Some(i) = text.find(['\n', '\r']) {
            found.push(
                Diagnostic::new(&HEADER_NEWLINE, &f.text.path, "header text contains a line break").at(text, i..i + 1),
            );
        }
        for r in emoji_ranges(text) {
            if !found.wants(&HEADER_EMOJI, &f.text.path) {
                break;
            }
            found.push(Diagnostic::new(&HEADER_EMOJI, &f.text.path, "header text contains an emoji").at(text, r));
        }
        // Placeholders are in text order: walk them alongside the characters. One finding per
        // header, at its first marker.
        let mut placeholders = f.scan.placeholders.iter().peekable();
        let first = text.char_indices().find(|&(i, ch)| {
            while placeholders.next_if(|p| p.range.end <= i).is_some() {}
            matches!(ch, '*' | '_' | '~' | '`') && !placeholders.peek().is_some_and(|p| p.range.contains(&i))
        });
        if let Some((i, ch)) = first {
            found.push(
                Diagnostic::new(
                    &HEADER_MARKUP,
                    &f.text.path,
                    format!("header text contains formatting characters, the first `{ch}`"),
                )
                .at(text, i..i + 1),
            );
        }
    }
    cx.absorb(found);
}

fn carousel(cx: &mut Context, c: &Component) {
    let ComponentKind::Carousel(cards) = &c.kind else { return };
    if !(2..=10).contains(&cards.len()) {
        cx.report(Diagnostic::new(
            &CAROUSEL_CARD_COUNT,
            format!("{}.cards", c.path),
            format!("carousel has {} cards; it needs 2 to 10", cards.len()),
        ));
    }
    type Shape = (Option<HeaderFormat>, Vec<ButtonKind>);
    let mut first: Option<Shape> = None;
    for card in cards {
        duplicates(cx, &card.components);
        let header = card.components.iter().find_map(|c| match &c.kind {
            ComponentKind::Header(h) => Some(h.format),
            _ => None,
        });
        let header_format = header.flatten();
        if !matches!(header_format, Some(HeaderFormat::Image | HeaderFormat::Video | HeaderFormat::Product)) {
            let msg = match header_format {
                Some(f) => format!("card header is {}; cards take an IMAGE, VIDEO or PRODUCT header", f.name()),
                None => "card has no IMAGE, VIDEO or PRODUCT header".to_string(),
            };
            cx.report(Diagnostic::new(&CAROUSEL_CARD_HEADER, &card.path, msg));
        }
        for hc in &card.components {
            if matches!(&hc.kind, ComponentKind::Header(h) if h.format.is_some_and(|f| f.is_media()))
                && !cx.template.is_fetched()
            {
                media_example(cx, hc);
            }
        }
        let buttons: Vec<ButtonKind> = card
            .components
            .iter()
            .find_map(|c| match &c.kind {
                ComponentKind::Buttons(b) => Some(b.iter().map(|b| b.kind).collect()),
                _ => None,
            })
            .unwrap_or_default();
        if !(1..=2).contains(&buttons.len()) {
            cx.report(Diagnostic::new(
                &CAROUSEL_CARD_BUTTONS,
                &card.path,
                format!("card has {} buttons; cards take 1 or 2", buttons.len()),
            ));
        }
        let shape = (header_format, buttons);
        match &first {
            None => first = Some(shape),
            Some(f) if *f != shape => {
                let what = if f.0 != shape.0 { "header format" } else { "buttons" };
                cx.report(Diagnostic::new(
                    &CAROUSEL_CARD_MISMATCH,
                    &card.path,
                    format!("card differs from the first card in its {what}"),
                ));
            }
            Some(_) => {}
        }
    }
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use crate::check::{validate_json, ValidateOptions};
    use crate::diagnostic::Diagnostic;

    fn found(template: &str, code: &str) -> Vec<Diagnostic> {
        let report = validate_json(template, &ValidateOptions::default()).unwrap();
        report.diagnostics.into_iter().filter(|d| d.code == code).collect()
    }

    #[test]
    fn markup_in_a_header_is_one_finding_per_header() {
        let t = r#"{"name": "flash_sale", "language": "en_US", "category": "MARKETING", "components": [{"type": "HEADER", "format": "TEXT", "text": "*Flash* _sale_ ~now~"}, {"type": "BODY", "text": "Our flash sale starts today at noon."}]}"#;
        let d = found(t, "WP117");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].message, "header text contains formatting characters, the first `*`");
        assert_eq!(d[0].span.as_ref().map(|s| (s.start, s.end)), Some((0, 1)));
    }

    #[test]
    fn an_expiring_offer_names_where_the_copy_code_button_is() {
        let t = r#"{"name": "shoe_sale", "language": "en_US", "category": "MARKETING", "components": [{"type": "LIMITED_TIME_OFFER", "limited_time_offer": {"text": "Expiring offer!", "has_expiration": true}}, {"type": "BODY", "text": "Get 20% off all shoes."}, {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Shop", "url": "https://shop.example.com"}, {"type": "COPY_CODE", "example": "SAVE20"}]}]}"#;
        let d = found(t, "WP127");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].path, "components[2].buttons[1]");
        assert!(d[0].message.contains("first"), "{}", d[0].message);
        let report = validate_json(t, &ValidateOptions::default()).unwrap();
        assert!(!report.ok);
    }
}
