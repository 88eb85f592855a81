//! Rate cards in Meta's CSV layout, in any of its currencies, loaded at run time: the title
//! line, notes above the header, quoted line breaks (read by `csv-core`), currency codes and
//! signs, decimal commas.

use std::collections::HashMap;

use serde::Deserialize;

use super::{to_micros, Card, Model, Rates, DATA};
use crate::window::parse_time;

/// Reads a rate card in Meta's CSV layout: optional title lines ("Cost per conversation in USD,
/// effective June 1, 2023"), then a header row with `Market` and the category columns
/// (Marketing, Utility, Authentication, Authentication-International, Service; optionally
/// Currency), then one row per market. `n/a`, `-` and empty cells mean no rate. Returns the card
/// and warnings (unknown markets, unreadable cells).
pub fn card_from_csv(
    csv: &str,
    id: Option<&str>,
    effective: Option<&str>,
    model: Option<&str>,
) -> Result<(Card, Vec<String>), String> {
    if csv.starts_with("PK\u{3}\u{4}") {
        return Err("this is an Excel workbook (XLSX), not CSV: Meta's download of 2026-10-01 is one under a .csv name; open it and save the sheet \"List rates\" as CSV".into());
    }
    let rows = csv_records(csv);
    let header_at = rows
        .iter()
        .position(|r| {
            let lower: Vec<String> = r.iter().map(|f| f.to_ascii_lowercase()).collect();
            lower.iter().any(|f| f == "market" || f == "country")
                && lower.iter().any(|f| f.starts_with("marketing") || f.starts_with("utility"))
        })
        .ok_or("no header row with `Market` and category columns")?;
    let title = rows[..header_at].iter().flatten().cloned().collect::<Vec<_>>().join(" ");
    let effective = match effective {
        Some(e) => parse_time(e)?,
        None => title_date(&title)
            .ok_or("no effective date: give one, or keep the title line \"… effective June 1, 2023\"")?,
    };
    let lower_title = title.to_ascii_lowercase();
    let model = match model {
        Some(m) => match Model::parse(&m.to_ascii_uppercase()) {
            Some(m @ (Model::Cbp | Model::Pmp)) => m,
            _ => return Err(format!("model must be CBP or PMP, not `{m}`")),
        },
        None if lower_title.contains("per conversation") => Model::Cbp,
        None if lower_title.contains("per message") || lower_title.contains("per delivered") => Model::Pmp,
        None if effective >= parse_time("2025-07-01")? => Model::Pmp,
        None => Model::Cbp,
    };
    // "Authentication-⏎International", "Authentication International" and
    // "authentication_international" all read `authentication-international`.
    let header: Vec<String> = rows[header_at]
        .iter()
        .map(|f| f.to_ascii_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join("-"))
        .collect();
    let col = |names: &[&str]| header.iter().position(|h| names.iter().any(|n| h.starts_with(n)));
    let market_col = col(&["market", "country"]).ok_or("no Market column")?;
    let ai_col = col(&["authentication-international", "auth-intl", "authentication-intl"]);
    let auth_col = header.iter().enumerate().position(|(i, h)| h.starts_with("authentication") && Some(i) != ai_col);
    let cols = [col(&["marketing"]), col(&["utility"]), auth_col, ai_col, col(&["service"])];
    let currency_col = col(&["currency"]);
    let title_upper = title.to_ascii_uppercase();
    let mut currency = DATA
        .currencies
        .iter()
        .find(|(code, _)| title_upper.contains(&format!("IN {code}")))
        .map(|(code, _)| code.clone());
    let mut rates = HashMap::new();
    let mut warnings = Vec::new();
    for (n, row) in rows.iter().enumerate().skip(header_at + 1) {
        let Some(market) = row.get(market_col).map(|m| m.trim()).filter(|m| !m.is_empty()) else { continue };
        if let Some(cell) = currency_col.and_then(|i| row.get(i)).map(|c| c.trim()).filter(|c| !c.is_empty()) {
            let c = currency_code(cell)
                .ok_or_else(|| format!("row {}: `{cell}` is none of the currencies of Meta's cards", n + 1))?;
            if currency.as_deref().is_some_and(|cur| cur != c) {
                return Err(format!("row {}: currency {c} differs from {}", n + 1, currency.unwrap_or_default()));
            }
            currency = Some(c);
        }
        let mut values = [None; 5];
        for (k, c) in cols.iter().enumerate() {
            let Some(cell) = c.and_then(|i| row.get(i)) else { continue };
            let cell = amount(cell);
            if cell.is_empty() || matches!(cell.to_ascii_lowercase().as_str(), "n/a" | "na" | "-" | "—") {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(v) if v >= 0.0 => values[k] = Some(to_micros(v)),
                _ => warnings.push(format!("row {}: `{cell}` is not a rate", n + 1)),
            }
        }
        if !DATA.is_market(market) {
            warnings.push(format!(
                "row {}: `{market}` is not a market of data/markets.json; its rates are kept under that name",
                n + 1
            ));
        }
        let [marketing, utility, authentication, authentication_international, service] = values;
        rates.insert(
            market.to_string(),
            Rates { marketing, utility, authentication, authentication_international, service, ..Rates::default() },
        );
    }
    if rates.is_empty() {
        return Err("no market rows under the header".into());
    }
    let currency = currency.unwrap_or_else(|| "USD".into());
    let id = id.map_or_else(
        || format!("csv-{}-{}", model.name().to_ascii_lowercase(), &crate::window::format_time(effective)[..10]),
        str::to_string,
    );
    if !DATA.currencies.iter().any(|(code, _)| *code == currency) {
        warnings.push(format!("`{currency}` is not one of the currencies of Meta's cards in data/rates.json"));
    }
    Ok((Card { id, effective, model, currency, rates, origin: "rateCards".into() }, warnings))
}

/// The currency code of a Currency cell: a code (`BRL`) or a sign the data lists for one
/// (`$US`, `A$`, `R$`, `₹`).
fn currency_code(cell: &str) -> Option<String> {
    DATA.currencies
        .iter()
        .find(|(code, symbols)| code.eq_ignore_ascii_case(cell) || symbols.iter().any(|s| s.eq_ignore_ascii_case(cell)))
        .map(|(code, _)| code.clone())
}

/// A cell's amount without its currency: `R$ 0,3125` → `0.3125`, `S/0.0810` → `0.0810`,
/// `1,234.5` → `1234.5`. Letters and symbols around the number (any of the 16 currencies'
/// codes and signs) are dropped; a lone comma is a decimal comma.
fn amount(cell: &str) -> String {
    let t = cell.trim();
    // No digit (`n/a`, `-`, a word): the cell as it is, for the caller to judge.
    let (Some(first), Some(last)) = (t.find(|c: char| c.is_ascii_digit()), t.rfind(|c: char| c.is_ascii_digit()))
    else {
        return t.to_string();
    };
    let start = if t[..first].ends_with('.') { first - 1 } else { first };
    let end = last + 1;
    let n = &t[start..end];
    // A sign or word before the number that is not a currency mark stays, so that it fails.
    let before = t[..start].trim();
    if before.contains('-') {
        return t.to_string();
    }
    match (n.contains('.'), n.contains(',')) {
        (true, true) if n.rfind(',') > n.rfind('.') => n.replace('.', "").replace(',', "."),
        (true, true) => n.replace(',', ""),
        (false, true) if n.matches(',').count() == 1 => n.replace(',', "."),
        (false, true) => n.replace(',', ""),
        _ => n.to_string(),
    }
}

/// The records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks,
/// as the header cell "Authentication-⏎International" of Meta's files does), read by
/// `csv-core`. Fields are trimmed; the delimiter is `;` when the header line (the first that
/// names a market) has more semicolons than commas (spreadsheets in European locales), else `,`.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let header = text.lines().find(|l| l.to_ascii_lowercase().contains("market")).unwrap_or_default();
    let delimiter = if header.matches(';').count() > header.matches(',').count() { b';' } else { b',' };
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    // With a final line break every record ends inside the input, in one call; buffers as big
    // as the input (and a field end per delimiter) never fill.
    let text = if text.ends_with('\n') { text.to_string() } else { format!("{text}\n") };
    let mut input = text.as_bytes();
    let mut out = vec![0u8; text.len()];
    let mut ends = vec![0usize; text.bytes().filter(|b| *b == delimiter).count() + 2];
    let mut records = Vec::new();
    loop {
        let (result, read, _, n_ends) = reader.read_record(input, &mut out, &mut ends);
        input = &input[read..];
        match result {
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                let mut fields = Vec::with_capacity(n_ends);
                for &end in &ends[..n_ends] {
                    fields.push(String::from_utf8_lossy(&out[start..end]).trim().to_string());
                    start = end;
                }
                records.push(fields);
            }
            // Out of input: the next call, with none, ends the text.
            csv_core::ReadRecordResult::InputEmpty if !input.is_empty() => {}
            csv_core::ReadRecordResult::InputEmpty => {
                if let (csv_core::ReadRecordResult::End, ..) = reader.read_record(&[], &mut out, &mut ends) {
                    break;
                }
            }
            _ => break,
        }
    }
    records
}

/// "effective June 1, 2023" (or an ISO date) in a title line, as Unix seconds.
fn title_date(title: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = title.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = MONTHS.iter().position(|name| name == w) {
            let day: u32 = words.get(i + 1)?.trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()?;
            let year: u32 = words.get(i + 2)?.parse().ok()?;
            return parse_time(&format!("{year:04}-{:02}-{day:02}", m + 1)).ok();
        }
        if w.len() == 10 && w.as_bytes()[4] == b'-' {
            if let Ok(t) = parse_time(w) {
                return Some(t);
            }
        }
    }
    None
}

/// A rate card given as CSV, with what its title may not say.
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateCardInput {
    pub csv: String,
    pub id: Option<String>,
    pub effective: Option<String>,
    #[cfg_attr(test, ts(type = "\"CBP\" | \"PMP\"", optional))]
    pub model: Option<String>,
}

// Tests only: the unwraps below are assertions on fixed inputs, compiled under cfg(test) and
// never into the library, so no user input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> i64 {
        parse_time(s).unwrap()
    }

    #[test]
    fn rate_cards_from_meta_csv_layout() {
        let csv = "Cost per conversation in USD, effective June 1, 2023\n\
                   Market,Marketing,Utility,Authentication,Authentication-International,Service\n\
                   Indonesia,$0.0411,$0.0200,$0.0300,$0.1360,$0.0190\n\
                   Malaysia,0.0860,0.0200,0.0180,n/a,0.0220\n\
                   Atlantis,0.5,0.5,0.5,,0.5\n";
        let (card, warnings) = card_from_csv(csv, None, None, None).unwrap();
        assert_eq!((card.model.name(), card.currency.as_str(), card.effective), ("CBP", "USD", t("2023-06-01")));
        assert_eq!(card.rates["Indonesia"].authentication_international, Some(136_000));
        assert_eq!(card.rates["Malaysia"].authentication_international, None);
        assert_eq!(card.rates["Malaysia"].service, Some(22_000));
        assert_eq!(warnings.len(), 1, "{warnings:?}"); // Atlantis is no market
        let eur = "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service\n\
                   Italy,EUR,0.0658,0.0248,0.0248,n/a,0.0248\n";
        let (card, _) = card_from_csv(eur, Some("eur-2026-07"), Some("2026-07-01"), Some("PMP")).unwrap();
        assert_eq!((card.currency.as_str(), card.rates["Italy"].marketing), ("EUR", Some(65_800)));
        assert!(card_from_csv("Market,Marketing\n", None, Some("2026-01-01"), None).is_err());
        // The 2026 layout: notes above the header, a line break inside a quoted header cell,
        // the currency written `$US`, a Meta Business Agent column, thousands in quotes.
        let csv2026 = "Cost per message in USD on the WhatsApp Business Platform, effective October 1, 2026\n\
                       Rates are per delivered message.\n\
                       \n\
                       Market,Currency,Marketing,Utility,Authentication,\"Authentication-\nInternational\",Service,Meta Business Agent\n\
                       India,$US,0.0118,0.0014,0.0014,0.0304,0.0014,\"$2.00 USD / 1 M (million) tokens\"\n\
                       Bangladesh,$US,0.0732,0.0037,0.0037,n/a,0.0037,\"$2.00 USD / 1 M (million) tokens\"";
        let (card, warnings) = card_from_csv(csv2026, None, None, None).unwrap();
        assert_eq!((card.model.name(), card.currency.as_str()), ("PMP", "USD"));
        assert_eq!(card.effective, t("2026-10-01"));
        assert_eq!(card.rates["India"].authentication_international, Some(30_400));
        assert_eq!(card.rates["Bangladesh"].service, Some(3_700));
        assert!(warnings.is_empty(), "{warnings:?}");
        let idr = "Cost per message in IDR on the WhatsApp Business Platform, effective April 1, 2026\n\
                   Market;Currency;Marketing;Utility\nIndonesia;RP;\"1.940,13\";356,25\n";
        let (card, _) = card_from_csv(idr, None, None, None).unwrap();
        assert_eq!((card.currency.as_str(), card.rates["Indonesia"].marketing), ("IDR", Some(1_940_130_000)));
        assert_eq!(card.rates["Indonesia"].utility, Some(356_250_000));
        assert!(card_from_csv("no header here", None, Some("2026-01-01"), None).is_err());
        assert!(card_from_csv("PK\u{3}\u{4}\u{14}\0", None, None, None).unwrap_err().contains("XLSX"));
    }

    #[test]
    fn amounts_in_any_currency_notation() {
        for (cell, want) in [
            ("$0.0411", "0.0411"),
            ("R$ 0,3125", "0.3125"),
            ("S/0.0810", "0.0810"),
            ("RM 0.0860", "0.0860"),
            ("Rp 586.33", "586.33"),
            ("1,940.13", "1940.13"),
            ("1.940,13", "1940.13"),
            ("0.2688 AED", "0.2688"),
            (".05", ".05"),
        ] {
            assert_eq!(amount(cell), want, "{cell}");
        }
        for bad in ["abc", "-0.5", "- 0.5"] {
            assert!(amount(bad).parse::<f64>().map_or(true, |v| v < 0.0), "{bad}");
        }
    }
}
