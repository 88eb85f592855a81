//! Media messages (image, video, audio, document, sticker) and the rule every media object
//! follows, also in interactive headers: exactly one of `id` and `link` (M-IMG … M-STK, M-OA
//! MediaObject oneOf).

use serde_json::{Map, Value};

use super::schema::{as_text, Field as F, Kind, Ty};
use super::{Cx, Path};
use crate::diagnostic::Diagnostic;
use crate::rules::payload as rules;

const S: Ty = Ty::Str;

const MEDIA_ID: F = F::new("id", S);
const MEDIA_LINK: F = F::new("link", S);
const CAPTION: F = F::new("caption", S).limit("media.caption");

pub static IMAGE: Kind =
    Kind { what: "the image", fields: &[MEDIA_ID, MEDIA_LINK, CAPTION], extra: Some(media_source), ..Kind::MESSAGE };
pub static VIDEO: Kind =
    Kind { what: "the video", fields: &[MEDIA_ID, MEDIA_LINK, CAPTION], extra: Some(media_source), ..Kind::MESSAGE };
pub static DOCUMENT: Kind = Kind {
    what: "the document",
    fields: &[MEDIA_ID, MEDIA_LINK, CAPTION, F::new("filename", S)],
    extra: Some(media_source),
    ..Kind::MESSAGE
};
pub static AUDIO: Kind = Kind {
    what: "the audio",
    fields: &[MEDIA_ID, MEDIA_LINK, F::new("voice", Ty::Bool)],
    extra: Some(media_source),
    ..Kind::MESSAGE
};
pub static STICKER: Kind =
    Kind { what: "the sticker", fields: &[MEDIA_ID, MEDIA_LINK], extra: Some(media_source), ..Kind::MESSAGE };

/// Exactly one of `id` (uploaded media) and `link` (an HTTP(S) URL) (M-IMG … M-STK, M-OA
/// MediaObject oneOf).
pub fn media_source(obj: &Map<String, Value>, path: &Path, cx: &mut Cx) {
    let present = |k: &str| obj.get(k).and_then(as_text).filter(|s| !s.trim().is_empty());
    match (present("id"), present("link")) {
        (None, None) => cx.push(Diagnostic::new(
            &rules::MISSING_REQUIRED_FIELD,
            path.to_string(),
            "media needs an `id` (uploaded media) or a `link`",
        )),
        (Some(_), Some(_)) => cx.push(Diagnostic::new(
            &rules::INVALID_FIELD_VALUE,
            path.to_string(),
            "media takes an `id` or a `link`, not both",
        )),
        (None, Some(link)) => {
            if !super::has_http_scheme(&link) || link.trim().len() <= "https://".len() {
                cx.push(Diagnostic::new(
                    &rules::INVALID_FIELD_VALUE,
                    path.key("link").to_string(),
                    "the media `link` must be an http(s) URL",
                ));
            }
        }
        (Some(_), None) => {}
    }
}
