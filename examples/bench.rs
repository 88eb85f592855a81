//! The native half of `npm run bench`: the same workload as the WASM build, measured natively.
//!
//! Reads from stdin `{"templates": [...], "analyze": {"template": {...}, "params": {...}}}` and
//! prints one JSON line: `validate_per_sec` (templates of the set validated per second, report
//! serialised to JSON as the WASM binding does), `analyze_p50_us` and `analyze_p99_us`
//! (validate + render of the analyze template). Run with `cargo run --release --example bench`.

use std::io::Read;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde_json::Value;
use wa_preflight::render::{render_template, RenderOptions};
use wa_preflight::template::read_template;
use wa_preflight::{validate_value, ValidateOptions};

fn validate_set(templates: &[Value], options: &ValidateOptions) -> usize {
    let mut bytes = 0;
    for t in templates {
        if let Ok(report) = validate_value(t, options) {
            bytes += serde_json::to_string(&report).map_or(0, |s| s.len());
        }
    }
    bytes
}

fn main() -> ExitCode {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("bench: cannot read stdin: {e}");
        return ExitCode::from(2);
    }
    let Ok(workload) = serde_json::from_str::<Value>(&input) else {
        eprintln!("bench: stdin is not JSON");
        return ExitCode::from(2);
    };
    let templates = workload["templates"].as_array().cloned().unwrap_or_default();
    let analyze = &workload["analyze"];
    let Some(analyze_obj) = analyze["template"].as_object() else {
        eprintln!("bench: analyze.template missing");
        return ExitCode::from(2);
    };
    let options = ValidateOptions::default();
    let render_options = RenderOptions::default();

    // Throughput over the set: warm up, then whole passes for about 1.5 s.
    for _ in 0..20 {
        std::hint::black_box(validate_set(&templates, &options));
    }
    let start = Instant::now();
    let mut passes = 0usize;
    while start.elapsed() < Duration::from_millis(1500) {
        std::hint::black_box(validate_set(&templates, &options));
        passes += 1;
    }
    let validate_per_sec = (passes * templates.len()) as f64 / start.elapsed().as_secs_f64();

    let analyze_once = || {
        let report = validate_value(&analyze["template"], &options).map(|r| serde_json::to_string(&r).ok());
        let template = read_template(analyze_obj, &mut Vec::new());
        let preview =
            render_template(&template, &analyze["params"], &render_options).map(|p| serde_json::to_string(&p).ok());
        let _ = std::hint::black_box((report, preview));
    };
    for _ in 0..200 {
        analyze_once();
    }
    let mut samples: Vec<f64> = (0..3000)
        .map(|_| {
            let s = Instant::now();
            analyze_once();
            s.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() as f64) * q) as usize];
    println!(
        "{}",
        serde_json::json!({
            "validate_per_sec": validate_per_sec.round(),
            "analyze_p50_us": (at(0.5) * 10.0).round() / 10.0,
            "analyze_p99_us": (at(0.99) * 10.0).round() / 10.0,
        })
    );
    ExitCode::SUCCESS
}
