//! The pricing engine against Meta's worked examples, and the shipped rate cards against the
//! values of the reference (typed here independently of `data/rates.json`).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use wa_preflight::pricing::{price_timeline, PriceOptions, PriceReport, Timeline, DATA};
use wa_preflight::window::parse_time;

const IT: &str = "+393331234567";

fn run(events: serde_json::Value, opts: PriceOptions) -> PriceReport {
    let t: Timeline = serde_json::from_value(json!({ "events": events, "currency": "USD" })).unwrap();
    price_timeline(&t, &opts).unwrap()
}

fn at(base: &str, hours: i64) -> String {
    wa_preflight::window::format_time(parse_time(base).unwrap() + hours * 3600)
}

fn out(base: &str, h: i64, kind: &str, category: Option<&str>) -> serde_json::Value {
    json!({"at": at(base, h), "direction": "outbound", "type": kind, "category": category, "to": IT})
}

fn inb(base: &str, h: i64) -> serde_json::Value {
    json!({"at": at(base, h), "direction": "inbound", "type": "text", "from": IT})
}

fn summary(r: &PriceReport) -> Vec<(bool, bool, String, Option<f64>, &'static str)> {
    r.messages.iter().map(|m| (m.allowed, m.billable, m.category.clone(), m.rate, m.pricing_type)).collect()
}

#[test]
fn per_message_worked_example() {
    // Meta's pricing page: t0 marketing template (charged); t2 the user writes; t3 free-form
    // (free); t4 utility template (free, window open); t26 the window closes; t30 utility
    // template (charged). One marketing and one utility message are billed.
    let b = "2025-08-01T00:00:00Z";
    let r = run(
        json!([
            out(b, 0, "template", Some("marketing")),
            inb(b, 2),
            out(b, 3, "text", None),
            out(b, 4, "template", Some("utility")),
            out(b, 30, "template", Some("utility"))
        ]),
        PriceOptions::default(),
    );
    assert_eq!(
        summary(&r),
        vec![
            (true, true, "marketing".into(), Some(0.0691), "regular"),
            (true, false, "service".into(), None, "free_customer_service"),
            (true, false, "utility".into(), None, "free_customer_service"),
            (true, true, "utility".into(), Some(0.03), "regular"),
        ]
    );
    assert!((r.total - 0.0991).abs() < 1e-9, "{}", r.total);
    assert!(r
        .messages
        .iter()
        .all(|m| m.pricing_model == Some(wa_preflight::pricing::Model::Pmp) && m.conversation.is_none()));
}

#[test]
fn conversation_categories_worked_example() {
    // h0 marketing template opens a marketing conversation; h4 a utility template opens a
    // utility conversation; h10 another utility template rides on it.
    let b = "2024-03-04T00:00:00Z";
    let r = run(
        json!([
            out(b, 0, "template", Some("marketing")),
            out(b, 4, "template", Some("utility")),
            out(b, 10, "template", Some("utility"))
        ]),
        PriceOptions::default(),
    );
    let convs: Vec<Option<String>> = r.messages.iter().map(|m| m.conversation.clone()).collect();
    assert_eq!(convs, vec![Some("c1".into()), Some("c2".into()), Some("c2".into())]);
    assert_eq!(
        summary(&r),
        vec![
            (true, true, "marketing".into(), Some(0.0691), "regular"),
            (true, true, "utility".into(), Some(0.042), "regular"),
            (true, false, "utility".into(), None, "conversation_open"),
        ]
    );
    assert!((r.total - 0.1111).abs() < 1e-9);
}

#[test]
fn service_conversation_after_a_marketing_conversation_expires() {
    // A marketing conversation is open at h5, so a free-form message rides on it; at h25 it has
    // expired while the user's window (from h3) is still open: a service conversation starts.
    let b = "2024-03-04T00:00:00Z";
    let events = json!([
        out(b, 0, "template", Some("marketing")),
        inb(b, 3),
        out(b, 5, "interactive", None),
        out(b, 25, "text", None)
    ]);
    let r = run(
        events.clone(),
        PriceOptions { month_to_date: [("service_conversations".to_string(), 1000)].into(), ..Default::default() },
    );
    assert_eq!(r.messages[1].conversation.as_deref(), Some("c1"));
    assert_eq!(r.messages[1].pricing_type, "conversation_open");
    assert_eq!(r.messages[2].conversation.as_deref(), Some("c2"));
    assert_eq!((r.messages[2].category.as_str(), r.messages[2].rate), ("service", Some(0.0386)));
    // Within the month's first 1,000 service conversations it is free…
    let free = run(events.clone(), PriceOptions::default());
    assert_eq!(free.messages[2].pricing_type, "free_tier");
    // …and from 2024-11-01 every service conversation is.
    let b = "2024-11-04T00:00:00Z";
    let later = run(
        json!([out(b, 0, "template", Some("marketing")), inb(b, 3), out(b, 25, "text", None)]),
        PriceOptions::default(),
    );
    assert_eq!(later.messages[1].pricing_type, "free_customer_service");
}

#[test]
fn free_entry_point() {
    // The user comes from a Click-to-WhatsApp ad; the reply within 24 h is free and opens 72 h in
    // which everything is free.
    let b = "2025-09-01T00:00:00Z";
    let r = run(
        json!([{"at": at(b, 0), "direction": "inbound", "type": "text", "from": IT, "entry_point": "ctwa"},
               out(b, 1, "template", Some("marketing")), out(b, 30, "template", Some("marketing")),
               out(b, 72, "template", Some("utility")), out(b, 74, "template", Some("marketing"))]),
        PriceOptions::default(),
    );
    let kinds: Vec<&str> = r.messages.iter().map(|m| m.pricing_type).collect();
    assert_eq!(kinds, vec!["free_entry_point", "free_entry_point", "free_entry_point", "regular"]);
    assert!((r.total - 0.0691).abs() < 1e-9);
    // Under conversation pricing the entry-point conversation lasts 72 h and carries everything.
    let b = "2024-05-01T00:00:00Z";
    let cbp = run(
        json!([{"at": at(b, 0), "direction": "inbound", "type": "text", "from": IT, "entry_point": "ctwa"},
               out(b, 2, "text", None), out(b, 40, "template", Some("marketing")), out(b, 80, "template", Some("marketing"))]),
        PriceOptions::default(),
    );
    assert_eq!(
        cbp.messages.iter().map(|m| m.pricing_type).collect::<Vec<_>>(),
        vec!["free_entry_point", "free_entry_point", "regular"]
    );
}

#[test]
fn window_consent_and_the_us_pause_refuse_sends() {
    let b = "2025-08-01T00:00:00Z";
    let r = run(
        json!([out(b, 0, "text", None),
               {"at": at(b, 1), "direction": "inbound", "type": "text", "from": IT, "text": "Unsubscribe from Promos"},
               out(b, 2, "template", Some("marketing")), out(b, 3, "template", Some("utility")),
               {"at": at(b, 4), "direction": "inbound", "type": "text", "from": IT, "text": "STOP"},
               out(b, 5, "template", Some("utility")),
               {"at": at(b, 6), "direction": "outbound", "type": "template", "category": "marketing", "to": "+12125550100"}]),
        PriceOptions::default(),
    );
    let got: Vec<(bool, &str, Option<u32>)> =
        r.messages.iter().map(|m| (m.allowed, m.pricing_type, m.error_code)).collect();
    assert_eq!(
        got,
        vec![
            (false, "outside_window", Some(131047)),
            (false, "opted_out", None),
            (true, "free_customer_service", None),
            (false, "opted_out", None),
            (false, "us_marketing_paused", Some(131049)),
        ]
    );
}

#[test]
fn eras_before_the_cards_are_billed_without_a_rate() {
    let r = run(json!([out("2021-05-03T00:00:00Z", 0, "template", Some("utility"))]), PriceOptions::default());
    assert_eq!(summary(&r), vec![(true, true, "notification".into(), None, "no_rate")]);
    assert_eq!(r.unpriced, 1);
    let r = run(
        json!([
            out("2022-05-03T00:00:00Z", 0, "template", Some("utility")),
            out("2022-05-03T00:00:00Z", 30, "template", Some("utility"))
        ]),
        PriceOptions { month_to_date: [("conversations".to_string(), 999)].into(), ..Default::default() },
    );
    assert_eq!(r.messages[0].pricing_type, "free_tier");
    assert_eq!(
        (r.messages[1].category.as_str(), r.messages[1].billable, r.messages[1].pricing_type),
        ("business_initiated", true, "no_rate")
    );
}

#[test]
fn authentication_international_and_volume_tiers() {
    let india = "+919876543210";
    let b = "2025-08-01T00:00:00Z";
    let auth =
        json!([{"at": b, "direction": "outbound", "type": "template", "category": "authentication", "to": india}]);
    assert_eq!(run(auth.clone(), PriceOptions::default()).messages[0].rate, Some(0.0014));
    let intl = run(auth, PriceOptions { authentication_international: true, ..Default::default() });
    assert_eq!(
        (intl.messages[0].category.as_str(), intl.messages[0].rate),
        ("authentication-international", Some(0.028))
    );
    let util: Vec<serde_json::Value> = (0..4)
        .map(|h| json!({"at": at(b, h), "direction": "outbound", "type": "template", "category": "utility", "to": india}))
        .collect();
    let tiers = serde_json::from_value(json!([
        {"category": "utility", "market": "India", "from": 1, "to": 2, "rate": 0.001},
        {"category": "utility", "from": 3, "discount": 0.5}
    ]))
    .unwrap();
    let r = run(json!(util), PriceOptions { tiers, ..Default::default() });
    assert_eq!(
        r.messages.iter().map(|m| m.rate).collect::<Vec<_>>(),
        vec![Some(0.001), Some(0.001), Some(0.0007), Some(0.0007)]
    );
}

#[test]
fn utility_inside_the_window_is_free_before_2026_10_01_and_charged_after() {
    // Meta's "Upcoming pricing updates…" (2026-07-01): from 2026-10-01 utility templates sent
    // inside an open customer-service window are charged. Italy's utility rate is 0.0300.
    for (day, billed) in [("2026-09-20T08:00:00Z", false), ("2026-11-20T08:00:00Z", true)] {
        let r = run(json!([inb(day, 0), out(day, 1, "template", Some("utility"))]), PriceOptions::default());
        let m = &r.messages[0];
        assert_eq!(m.billable, billed, "{day}");
        assert_eq!(m.rate, billed.then_some(0.03), "{day}");
        assert_eq!(m.pricing_type, if billed { "regular" } else { "free_customer_service" }, "{day}");
        assert!(r.notices.iter().all(|n| n.kind != "stale_data"), "{day}: {:?}", r.notices);
    }
}

#[test]
fn service_messages_are_charged_from_2026_10_01_at_the_utility_rate() {
    let before = run(
        json!([inb("2026-09-20T08:00:00Z", 0), out("2026-09-20T08:00:00Z", 1, "text", None)]),
        PriceOptions::default(),
    );
    assert_eq!((before.messages[0].billable, before.messages[0].pricing_type), (false, "free_customer_service"));
    let b = "2026-11-20T08:00:00Z";
    let events = json!([inb(b, 0), out(b, 1, "text", None), out(b, 2, "image", None)]);
    let r = run(events.clone(), PriceOptions::default());
    assert_eq!(summary(&r)[0], (true, true, "service".into(), Some(0.03), "regular"));
    assert_eq!(r.messages[1].rate, Some(0.03));
    // The disputed free tier is named, and applied on request.
    assert!(r.notices.iter().any(|n| n.kind == "disputed_allowance"), "{:?}", r.notices);
    let tier = PriceOptions { free_service_messages_per_month: Some(1000), ..Default::default() };
    let r = run(events.clone(), tier.clone());
    assert_eq!((r.messages[0].billable, r.messages[0].pricing_type), (false, "free_tier"));
    assert!(r.notices.iter().all(|n| n.kind != "disputed_allowance"));
    let used = PriceOptions { month_to_date: [("service_messages".to_string(), 999)].into(), ..tier };
    let r = run(events.clone(), used);
    assert_eq!((r.messages[0].pricing_type, r.messages[1].pricing_type), ("free_tier", "regular"));
    // No volume tiers for service messages, and another column on request.
    let tiers = serde_json::from_value(json!([{"category": "utility", "from": 1, "rate": 0.001}])).unwrap();
    let r = run(events.clone(), PriceOptions { tiers, ..Default::default() });
    assert_eq!(r.messages[0].rate, Some(0.03));
    let unpriced = run(events, PriceOptions { service_rate: Some("unpriced".into()), ..Default::default() });
    assert_eq!((unpriced.unpriced, unpriced.messages[0].pricing_type), (2, "no_rate"));
}

#[test]
fn the_free_entry_point_stays_free_after_2026_10_01() {
    let b = "2026-11-20T08:00:00Z";
    let r = run(
        json!([
            {"at": at(b, 0), "direction": "inbound", "type": "text", "from": IT, "entry_point": "ctwa"},
            out(b, 1, "text", None),
            out(b, 30, "template", Some("marketing")),
            out(b, 60, "template", Some("utility")),
            out(b, 80, "template", Some("utility"))
        ]),
        PriceOptions::default(),
    );
    let types: Vec<&str> = r.messages.iter().map(|m| m.pricing_type).collect();
    assert_eq!(types, vec!["free_entry_point", "free_entry_point", "free_entry_point", "regular"]);
    assert_eq!(r.total, 0.03);
}

#[test]
fn meta_business_agent_messages_are_billed_per_token_never_as_service() {
    let b = "2026-11-20T08:00:00Z";
    let r = run(
        json!([
            {"at": at(b, 0), "direction": "inbound", "type": "text", "from": IT, "entry_point": "ctwa"},
            out(b, 1, "business_agent", None)
        ]),
        PriceOptions::default(),
    );
    let m = &r.messages[0];
    assert_eq!((m.billable, m.category.as_str(), m.rate, m.pricing_type), (true, "business_agent", None, "per_token"));
    assert!(m.reason.as_deref().is_some_and(|r| r.contains("per token")), "{:?}", m.reason);
    assert_eq!(r.unpriced, 1);
    // Before 2026-08-01 such a message is an ordinary service message.
    let early = run(
        json!([inb("2026-07-10T08:00:00Z", 0), out("2026-07-10T08:00:00Z", 1, "business_agent", None)]),
        PriceOptions::default(),
    );
    assert_eq!((early.messages[0].category.as_str(), early.messages[0].billable), ("service", false));
}

#[test]
fn a_date_past_the_next_quarter_carries_a_freshness_notice() {
    let stale = run(json!([out("2027-06-01T08:00:00Z", 0, "template", Some("marketing"))]), PriceOptions::default());
    let n = stale.notices.iter().find(|n| n.kind == "stale_data").expect("stale notice");
    assert_eq!((n.file.as_deref(), n.card.as_deref()), (Some("data/rates.json"), Some("pmp-2026-10-01")));
    assert!(n.checked.is_some() && n.message.contains("2026-12-31"), "{}", n.message);
    // Still priced, with the newest card.
    assert_eq!(stale.messages[0].card.as_deref(), Some("pmp-2026-10-01"));
    let fresh = run(json!([out("2026-12-31T23:00:00Z", 0, "template", Some("marketing"))]), PriceOptions::default());
    assert!(fresh.notices.is_empty(), "{:?}", fresh.notices);
    // `asOf` chooses the rules' date for every message.
    let as_of = PriceOptions { as_of: Some(parse_time("2027-01-01").unwrap()), ..Default::default() };
    let r = run(json!([out("2026-11-20T08:00:00Z", 0, "template", Some("marketing"))]), as_of);
    assert!(r.notices.iter().any(|n| n.kind == "stale_data"));
}

#[test]
fn a_card_that_lacks_a_market_s_rates_says_which_and_never_uses_an_old_one() {
    // Bangladesh left Rest of Asia Pacific on 2026-10-01; its authentication-international
    // rate is not known.
    let bd = "+8801712345678";
    let auth = |day: &str| json!([{"at": day, "direction": "outbound", "type": "template", "category": "authentication", "to": bd}]);
    let opts = PriceOptions { authentication_international: true, ..Default::default() };
    let r = run(auth("2026-11-20T08:00:00Z"), opts.clone());
    let m = &r.messages[0];
    assert_eq!((m.market.as_deref(), m.rate, m.pricing_type), (Some("Bangladesh"), None, "no_rate"));
    assert!(m.reason.as_deref().is_some_and(|r| r.contains("2026-10-01")), "{:?}", m.reason);
    let n = r.notices.iter().find(|n| n.kind == "incomplete_card").expect("incomplete notice");
    assert_eq!((n.market.as_deref(), n.missing.clone()), (Some("Bangladesh"), vec!["authentication_international"]));
    // A business that does not qualify pays Bangladesh's own authentication rate, not the
    // region's.
    let plain = run(auth("2026-11-20T08:00:00Z"), PriceOptions::default());
    assert_eq!(plain.messages[0].rate, Some(0.0037));
    let before = run(auth("2026-09-20T08:00:00Z"), PriceOptions::default());
    assert_eq!(
        (before.messages[0].market.as_deref(), before.messages[0].rate),
        (Some("Rest of Asia Pacific"), Some(0.0113))
    );
}

#[test]
fn a_rate_only_providers_report_is_used_on_request() {
    // Kuwait's marketing rise appears in one transcription only, against Meta's announcement.
    let kw = json!([{"at": "2026-11-20T08:00:00Z", "direction": "outbound", "type": "template", "category": "marketing", "to": "+96550012345"}]);
    let r = run(kw.clone(), PriceOptions::default());
    assert_eq!((r.messages[0].rate, r.unpriced), (None, 1));
    assert!(r.messages[0].reason.as_deref().is_some_and(|x| x.contains("0.0792") && x.contains("includeReported")));
    let r = run(kw, PriceOptions { include_reported: true, ..Default::default() });
    assert_eq!(r.messages[0].rate, Some(0.0792));
}

#[test]
fn the_2026_cards_apply_from_their_dates() {
    let mk = |day: &str, to: &str, cat: &str| json!([{"at": day, "direction": "outbound", "type": "template", "category": cat, "to": to}]);
    let rate = |e| run(e, PriceOptions::default()).messages[0].rate;
    // Italy marketing up on 2026-07-01; Turkey utility down on 2026-04-01; Poland its own
    // market from 2026-07-01; Mexico marketing again on 2026-10-01.
    assert_eq!(rate(mk("2026-06-30T12:00:00Z", IT, "marketing")), Some(0.0691));
    assert_eq!(rate(mk("2026-07-01T12:00:00Z", IT, "marketing")), Some(0.0795));
    assert_eq!(rate(mk("2026-03-31T12:00:00Z", "+905321234567", "utility")), Some(0.0053));
    assert_eq!(rate(mk("2026-04-01T12:00:00Z", "+905321234567", "utility")), Some(0.0009));
    assert_eq!(rate(mk("2026-06-30T12:00:00Z", "+48501234567", "marketing")), Some(0.086));
    assert_eq!(rate(mk("2026-07-01T12:00:00Z", "+48501234567", "marketing")), Some(0.0366));
    assert_eq!(rate(mk("2026-09-30T12:00:00Z", "+5215512345678", "marketing")), Some(0.0305));
    assert_eq!(rate(mk("2026-10-01T12:00:00Z", "+5215512345678", "marketing")), Some(0.0397));
    // Kazakhstan (+7 7xx) was Russia until its own market opened.
    assert_eq!(rate(mk("2026-09-30T12:00:00Z", "+77011234567", "utility")), Some(0.04));
    assert_eq!(rate(mk("2026-10-01T12:00:00Z", "+77011234567", "utility")), Some(0.018));
}

#[test]
fn a_recipient_given_as_a_user_id_is_priced_by_the_market_given_for_it() {
    let b = "2026-11-20T08:00:00Z";
    let id = "US.13491208655302741918";
    let events = json!([{"at": b, "direction": "outbound", "type": "template", "category": "marketing", "to": id},
                        {"at": b, "direction": "outbound", "type": "template", "category": "authentication", "to": id}]);
    let r = run(events.clone(), PriceOptions::default());
    assert_eq!(
        (r.messages[0].allowed, r.messages[0].market.as_deref(), r.messages[0].pricing_type),
        (true, None, "no_rate")
    );
    assert!(r.messages[0].reason.as_deref().is_some_and(|x| x.contains("market")));
    // Authentication templates cannot go to a user ID (131062).
    assert_eq!((r.messages[1].allowed, r.messages[1].error_code), (false, Some(131062)));
    let opts = PriceOptions { markets: [(id.to_string(), "Italy".to_string())].into(), ..Default::default() };
    assert_eq!(run(events, opts).messages[0].rate, Some(0.0795));
    let bad: PriceOptions = serde_json::from_value(json!({"markets": {id: "Atlantis"}})).unwrap();
    let t: Timeline = serde_json::from_value(json!({"events": []})).unwrap();
    assert_eq!(price_timeline(&t, &bad).unwrap_err().code, "INVALID_OPTIONS");
}

/// Every market of the reference, per card: marketing / utility / authentication / fourth
/// column (authentication-international for per-message cards, service for conversation ones).
const REFERENCE: &[(&str, &str)] = &[
    ("pmp-2025-07-01", "Italy 0.0691 0.0300 0.0300 -|Brazil 0.0625 0.0068 0.0068 -|India 0.0107 0.0014 0.0014 0.0280|North America 0.0250 0.0040 0.0040 -|Germany 0.1365 0.0550 0.0550 -|Spain 0.0615 0.0200 0.0200 -|United Kingdom 0.0529 0.0220 0.0220 -|Indonesia 0.0411 0.0250 0.0250 0.1360|Mexico 0.0436 0.0085 0.0085 -|France 0.1432 0.0300 0.0300 -|Rest of Latin America 0.0740 0.0113 0.0113 -|Rest of Western Europe 0.0592 0.0171 0.0171 -|Rest of Africa 0.0225 0.0040 0.0040 -|Rest of Asia Pacific 0.0732 0.0113 0.0113 -|Rest of Central & Eastern Europe 0.0860 0.0212 0.0212 -|Rest of Middle East 0.0341 0.0091 0.0091 -|Other 0.0604 0.0077 0.0077 -"),
    ("pmp-2026-01-01", "Italy 0.0691 0.0300 0.0300 -|Brazil 0.0625 0.0068 0.0068 -|India 0.0118 0.0014 0.0014 0.0280|North America 0.0250 0.0034 0.0034 -|Germany 0.1365 0.0550 0.0550 -|Spain 0.0615 0.0200 0.0200 -|United Kingdom 0.0529 0.0220 0.0220 -|Indonesia 0.0411 0.0250 0.0250 0.1360|Mexico 0.0305 0.0085 0.0085 -|France 0.0859 0.0300 0.0300 -|Rest of Latin America 0.0740 0.0113 0.0113 -|Rest of Western Europe 0.0592 0.0171 0.0171 -|Rest of Africa 0.0225 0.0040 0.0040 -|Rest of Asia Pacific 0.0732 0.0113 0.0113 -|Rest of Central & Eastern Europe 0.0860 0.0212 0.0212 -|Rest of Middle East 0.0341 0.0091 0.0091 -|Other 0.0604 0.0077 0.0077 -|Argentina 0.0618 0.0260 0.0260 -|Chile 0.0889 0.0200 0.0200 -|Colombia 0.0125 0.0008 0.0008 -|Egypt 0.0644 0.0036 0.0036 0.0650|Israel 0.0353 0.0053 0.0053 -|Malaysia 0.0860 0.0140 0.0140 0.0418|Netherlands 0.1597 0.0500 0.0500 -|Nigeria 0.0516 0.0067 0.0067 0.0750|Pakistan 0.0473 0.0054 0.0054 0.0750|Peru 0.0703 0.0200 0.0200 -|Russia 0.0802 0.0400 0.0400 -|Saudi Arabia 0.0455 0.0107 0.0107 0.0598|South Africa 0.0379 0.0076 0.0076 0.0200|Turkey 0.0109 0.0053 0.0053 -|United Arab Emirates 0.0499 0.0157 0.0157 0.0510"),
    ("cbp-2023-06-01", "Italy 0.0691 0.0420 0.0378 0.0386|Brazil 0.0625 0.0350 0.0315 0.0300|India 0.0099 0.0042 - -|North America 0.0250 0.0150 0.0135 0.0088|Germany 0.1365 0.0853 0.0768 0.0819|Spain 0.0615 0.0380 0.0342 0.0369|United Kingdom 0.0705 0.0398 0.0358 0.0388|Indonesia 0.0411 0.0200 0.0300 0.0190|Mexico 0.0436 0.0266 0.0239 0.0105|Rest of Latin America 0.0740 0.0494 0.0445 0.0423|Rest of Western Europe 0.0592 0.0420 0.0378 0.0397|Rest of Africa 0.0225 0.0160 0.0144 0.0363|Rest of Asia Pacific 0.0732 0.0472 0.0425 0.0224|Rest of Central & Eastern Europe 0.0860 0.0619 0.0557 0.0250|Rest of Middle East 0.0341 0.0198 0.0178 0.0218|Other 0.0604 0.0338 0.0304 0.0145"),
    ("cbp-2024-11-01", "Italy 0.0691 0.0300 0.0378 0|Brazil 0.0625 0.0080 0.0315 0|India 0.0107 0.0014 0.0014 0|North America 0.0250 0.0040 0.0135 0|Germany 0.1365 0.0550 0.0768 0|Spain 0.0615 0.0200 0.0342 0|United Kingdom 0.0529 0.0220 0.0358 0|Indonesia 0.0411 0.0200 0.0300 0|Mexico 0.0436 0.0100 0.0239 0|Rest of Latin America 0.0740 0.0113 0.0445 0|Rest of Western Europe 0.0592 0.0300 0.0378 0|Rest of Africa 0.0225 0.0040 0.0144 0|Rest of Asia Pacific 0.0732 0.0157 0.0425 0|Rest of Central & Eastern Europe 0.0860 0.0353 0.0557 0|Rest of Middle East 0.0341 0.0157 0.0178 0|Other 0.0604 0.0077 0.0304 0"),
];

#[test]
fn rate_cards_match_the_reference() {
    let micros = |s: &str| -> Option<i64> { (s != "-").then(|| (s.parse::<f64>().unwrap() * 1e6).round() as i64) };
    for (id, rows) in REFERENCE {
        let card = DATA.cards.iter().find(|c| c.id == *id).unwrap_or_else(|| panic!("no card {id}"));
        let rows: Vec<&str> = rows.split('|').collect();
        assert_eq!(card.rates.len(), rows.len(), "{id}: market count");
        for row in rows {
            let parts: Vec<&str> = row.rsplitn(5, ' ').collect();
            let (market, m, u, a, fourth) = (parts[4], parts[3], parts[2], parts[1], parts[0]);
            let r = card.rates.get(market).unwrap_or_else(|| panic!("{id}: no {market}"));
            assert_eq!((r.marketing, r.utility, r.authentication), (micros(m), micros(u), micros(a)), "{id} {market}");
            let got = if id.starts_with("pmp") { r.authentication_international } else { r.service };
            assert_eq!(got, micros(fourth), "{id} {market} fourth column");
        }
    }
}

#[test]
fn every_card_names_its_source_and_date_and_the_october_2025_card_is_derived_as_documented() {
    let rates: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("data/rates.json").unwrap()).unwrap();
    for card in rates["cards"].as_array().unwrap() {
        assert!(card["source"].as_str().is_some_and(|s| s.len() > 20), "{}", card["id"]);
        assert!(parse_time(card["effective"].as_str().unwrap()).is_ok(), "{}", card["id"]);
        assert_eq!(card["currency"], "USD");
    }
    let july = DATA.cards.iter().find(|c| c.id == "pmp-2025-07-01").unwrap();
    let october = DATA.cards.iter().find(|c| c.id == "pmp-2025-10-01").unwrap();
    for (market, r) in &october.rates {
        let before = july.rates[market];
        if market == "Mexico" {
            assert_eq!((r.marketing, r.utility), (Some(30_500), before.utility));
        } else {
            assert_eq!(*r, before, "{market}");
        }
    }
}

#[test]
fn a_rate_card_loaded_at_run_time_prices_in_its_currency() {
    let csv = "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\nItaly,EUR,0.0658,0.0248,0.0248,n/a,0.0248\n";
    let opts: PriceOptions = serde_json::from_value(json!({
        "rateCards": [{"csv": csv, "effective": "2026-07-01", "model": "PMP"}]
    }))
    .unwrap();
    let t: Timeline = serde_json::from_value(json!({"currency": "EUR", "events": [
        {"at": "2026-08-03T10:00:00Z", "direction": "outbound", "type": "template", "category": "marketing", "to": IT}
    ]}))
    .unwrap();
    let r = price_timeline(&t, &opts).unwrap();
    assert_eq!((r.messages[0].rate, r.currency.as_str()), (Some(0.0658), "EUR"));
    // Without the card there is nothing in EUR.
    assert_eq!(price_timeline(&t, &PriceOptions::default()).unwrap_err().code, "INVALID_TIMELINE");
}

#[test]
fn a_bad_number_refuses_that_message_only() {
    let b = "2025-08-01T00:00:00Z";
    let r = run(
        json!([{"at": b, "direction": "outbound", "type": "template", "category": "utility", "to": "0039 333 1234567"},
               out(b, 1, "template", Some("utility"))]),
        PriceOptions::default(),
    );
    assert_eq!(
        (r.messages[0].allowed, r.messages[0].pricing_type, r.messages[0].error_code),
        (false, "invalid_number", Some(100))
    );
    assert_eq!(r.messages[1].rate, Some(0.03));
}
