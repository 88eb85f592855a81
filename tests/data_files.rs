//! Every embedded data file names its source and says the date it describes and the day it
//! was last checked, and the table build.rs writes from their headers (`DATA_FILES`, printed by
//! `wa-preflight --version`) agrees with the files as JSON.
#![cfg(not(target_arch = "wasm32"))]

use wa_preflight::window::parse_time;

#[test]
fn every_data_file_is_dated_and_the_table_matches_it() {
    let mut names: Vec<String> = std::fs::read_dir("data")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| format!("data/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    names.sort();
    let listed: Vec<&str> = wa_preflight::DATA_FILES.iter().map(|(f, _, _)| *f).collect();
    assert_eq!(listed, names);
    for (file, effective, checked) in wa_preflight::DATA_FILES {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        assert!(v["source"].as_str().is_some_and(|s| s.len() > 20), "{file}: source");
        assert_eq!(*effective, v["effective"].as_str(), "{file}: effective");
        assert_eq!(*checked, v["last_checked"].as_str(), "{file}: last_checked");
        let (effective, checked) = (effective.unwrap(), checked.unwrap());
        assert!(parse_time(effective).is_ok() && parse_time(checked).is_ok(), "{file}");
        assert!(checked >= effective, "{file}: checked before the date it describes");
    }
}
