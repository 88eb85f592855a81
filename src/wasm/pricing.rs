//! Cost, window and market calls: a timeline priced, a campaign, a rate card, the windows of
//! one user, the market of a number.

use wasm_bindgen::prelude::*;

use super::convert::{js_to_text, read_struct, read_text, read_time, read_value, template_of, throw, to_js};
use crate::entry::{self, CampaignInput};
use crate::input::InputError;
use crate::pricing::{price_timeline, PriceOptions, Timeline};

/// Prices every outbound message of a timeline: allowed, billed, model, category, rate.
#[wasm_bindgen(js_name = estimateCost, unchecked_return_type = "PriceReport")]
pub fn estimate_cost_js(
    #[wasm_bindgen(unchecked_param_type = "Timeline | string")] timeline: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PriceOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: PriceOptions = read_struct(&options)?;
    let text = match timeline.as_string() {
        Some(text) => text,
        None => read_text(&timeline, "INVALID_TIMELINE")?,
    };
    // Our words for the wrong kind of value; serde's name the Rust struct.
    if !text.trim_start().starts_with('{') {
        return Err(throw(InputError::new(
            "INVALID_TIMELINE",
            "estimateCost expects a timeline: an object such as {\"events\": [...]}",
        )));
    }
    let timeline: Timeline = serde_json::from_str(&text)
        .map_err(|e| throw(InputError::new("INVALID_TIMELINE", format!("invalid timeline: {e}"))))?;
    to_js(&price_timeline(&timeline, &options).map_err(throw)?)
}

/// The cost of one send of a template: the category Meta will bill it at (its outcome for the
/// declared category) and that price, at `send.at` to `send.to`, with the recipient's `state`.
#[wasm_bindgen(js_name = quoteSend, unchecked_return_type = "SendQuote")]
pub fn quote_send_js(
    #[wasm_bindgen(unchecked_param_type = "TemplateInput")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SendQuoteInput")] send: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PriceOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let template = template_of(&template)?;
    let send = entry::QuoteInput::from_value(read_value(&send, "INVALID_ARGUMENT")?).map_err(throw)?;
    let options: PriceOptions = read_struct(&options)?;
    to_js(&send.quote(&template, &options).map_err(throw)?)
}

/// The cost of one template to many recipients, by market, with volume tiers.
#[wasm_bindgen(js_name = estimateCampaign, unchecked_return_type = "CampaignEstimate")]
pub fn estimate_campaign_js(
    #[wasm_bindgen(unchecked_param_type = "CampaignInput")] campaign: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PriceOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let options: PriceOptions = read_struct(&options)?;
    let campaign = CampaignInput::from_json(&read_text(&campaign, "INVALID_CAMPAIGN")?).map_err(throw)?;
    to_js(&campaign.estimate(&options).map_err(throw)?)
}

/// Reads a rate card in Meta's CSV layout, to inspect it or pass it as `rateCards`.
#[wasm_bindgen(js_name = loadRateCard, unchecked_return_type = "RateCard")]
pub fn load_rate_card_js(
    #[wasm_bindgen(unchecked_param_type = "string")] csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ id?: string; effective?: string; model?: \"CBP\" | \"PMP\" }")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let csv =
        csv.as_string().ok_or_else(|| throw(InputError::new("INVALID_ARGUMENT", "loadRateCard expects CSV text")))?;
    let options: entry::RateCardOptions = read_struct(&options)?;
    to_js(&entry::load_rate_card(&csv, &options).map_err(throw)?)
}

/// The customer-service and free-entry-point windows of one user at `now`.
#[wasm_bindgen(js_name = windowState, unchecked_return_type = "WindowStateResult")]
pub fn window_state_js(
    #[wasm_bindgen(unchecked_param_type = "TimelineEvent[]")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "TimeInput")] now: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let events: Vec<crate::window::Event> = js_to_text(&events)
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
        .map_err(|e| throw(InputError::new("INVALID_TIMELINE", format!("invalid events: {e}"))))?;
    let now =
        read_time(&now, "now")?.ok_or_else(|| throw(InputError::new("INVALID_ARGUMENT", "windowState needs `now`")))?;
    to_js(&crate::window::window_state(&events, now.secs()))
}

/// The pricing market of a recipient number (at `at`, default the latest assignment).
#[wasm_bindgen(js_name = marketOf)]
pub fn market_of_js(
    #[wasm_bindgen(unchecked_param_type = "string")] number: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TimeInput")] at: JsValue,
) -> Result<String, JsValue> {
    let number = number
        .as_string()
        .ok_or_else(|| throw(InputError::new("INVALID_ARGUMENT", "marketOf expects a phone number string")))?;
    let at = read_time(&at, "at")?;
    entry::market_of(&number, at).map_err(throw)
}
