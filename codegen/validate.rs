//! The rules a data file must keep (`data/README.md` states them for
//! authors). `table` checks a file as written and builds the validated
//! table; every problem becomes one message naming the file, the entry and
//! what to do, and all of them are reported at once.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use strum::IntoEnumIterator;

use super::normalize;
use super::schema::{
    Class, CodeDef, Entry, EntryDef, FileDef, Range, RangeDef, Table, Texts, variant_name,
};
use super::taxonomy::{Action, Category, Effect, Retry};
use super::vendor::{Origin, Surface, Vendor};

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn no_chinese(field: &str) -> String {
    format!("{field} has no Chinese character (U+4E00..U+9FFF): write it in Chinese")
}

fn expected<T: IntoEnumIterator + fmt::Display>() -> String {
    T::iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

struct Checker<'a> {
    file: &'a str,
    errors: Vec<String>,
}

impl Checker<'_> {
    /// The surface an entry or range names, when it is one of the file's.
    fn surface(
        &mut self,
        at: &str,
        name: &str,
        surfaces: &[Surface],
        listed: &[String],
    ) -> Option<Surface> {
        let found = Surface::from_str(name)
            .ok()
            .filter(|s| surfaces.contains(s));
        if found.is_none() {
            self.err(
                at,
                format!(
                    "surface \"{name}\" is not one of this file's surfaces ({})",
                    listed.join(", ")
                ),
            );
        }
        found
    }

    fn err(&mut self, at: &str, what: impl fmt::Display) {
        self.errors.push(format!("{}: {at}: {what}", self.file));
    }

    fn taxonomy<T: FromStr + IntoEnumIterator + fmt::Display>(
        &mut self,
        at: &str,
        field: &str,
        value: &Option<String>,
    ) -> Option<T> {
        match value {
            None => {
                self.err(at, format!("missing {field}"));
                None
            }
            Some(v) => match T::from_str(v) {
                Ok(t) => Some(t),
                Err(_) => {
                    self.err(
                        at,
                        format!(
                            "unknown {field} \"{v}\" (expected one of {})",
                            expected::<T>()
                        ),
                    );
                    None
                }
            },
        }
    }

    fn class(
        &mut self,
        at: &str,
        c: &Option<String>,
        r: &Option<String>,
        a: &Option<String>,
        effect: &Option<String>,
        retry_after: Option<u32>,
    ) -> Option<Class> {
        let category = self.taxonomy::<Category>(at, "category", c);
        let retry = self.taxonomy::<Retry>(at, "retry", r);
        let action = self.taxonomy::<Action>(at, "action", a);
        let effect = match effect {
            Some(_) => Some(self.taxonomy::<Effect>(at, "effect", effect)?),
            None => None,
        };
        let (category, retry, action) = (category?, retry?, action?);
        let derived = Effect::default_for(category, action);
        if effect == Some(derived) {
            self.err(
                at,
                format!("effect \"{derived}\" is what the category and action give: leave it out"),
            );
        }
        if category == Category::Ok && effect.is_some_and(|e| e != Effect::Applied) {
            self.err(at, "a success code has effect \"applied\"");
        }
        if matches!(action, Action::Retry | Action::SlowDown) && retry != Retry::Backoff {
            self.err(
                at,
                format!("action \"{action}\" needs retry \"backoff\", not \"{retry}\""),
            );
        }
        if action == Action::RefreshCredentials && retry != Retry::AfterReauth {
            self.err(
                at,
                format!(
                    "action \"refresh_credentials\" needs retry \"after_reauth\", not \"{retry}\""
                ),
            );
        }
        if retry == Retry::AfterReauth
            && !matches!(action, Action::RefreshCredentials | Action::Relogin)
        {
            self.err(at, format!("retry \"after_reauth\" needs action \"refresh_credentials\" or \"relogin\", not \"{action}\""));
        }
        if (category == Category::Ok) != (action == Action::None) {
            self.err(at, format!("category \"ok\" goes with action \"none\" and only with it (got category \"{category}\", action \"{action}\")"));
        }
        if category == Category::Ok && retry != Retry::No {
            self.err(at, "a success code cannot be retried: set retry \"no\"");
        }
        match retry_after {
            Some(0) => self.err(at, "retry_after must be at least 1 second"),
            Some(_) if retry != Retry::Backoff => self.err(
                at,
                format!("retry_after needs retry \"backoff\", not \"{retry}\""),
            ),
            _ => {}
        }
        Some(Class {
            category,
            retry,
            action,
            effect: effect.unwrap_or(derived),
            retry_after,
        })
    }

    fn text(&mut self, at: &str, field: &str, value: &Option<String>, zh: bool) -> String {
        match value.as_deref().map(str::trim) {
            None | Some("") => {
                self.err(at, format!("missing or empty {field}"));
                String::new()
            }
            Some(v) => {
                if v.contains(['\n', '\r']) {
                    self.err(at, format!("{field} contains a line break"));
                }
                if zh && !has_chinese(v) {
                    self.err(at, no_chinese(field));
                }
                v.to_string()
            }
        }
    }

    fn texts(
        &mut self,
        at: &str,
        s: &Option<String>,
        s_zh: &Option<String>,
        h: &Option<String>,
        h_zh: &Option<String>,
        symbol: &str,
    ) -> Texts {
        let texts = Texts {
            summary: self.text(at, "summary", s, false),
            summary_zh: self.text(at, "summary_zh", s_zh, true),
            hint: self.text(at, "hint", h, false),
            hint_zh: self.text(at, "hint_zh", h_zh, true),
        };
        if !texts.summary.is_empty() && texts.summary == texts.hint {
            self.err(at, "hint repeats the summary: say what to do");
        }
        if !symbol.is_empty()
            && texts
                .summary
                .trim_end_matches('.')
                .eq_ignore_ascii_case(symbol)
        {
            self.err(
                at,
                "summary only restates the symbol: say what causes the code",
            );
        }
        texts
    }

    /// `closes_connection` states how the vendor delivers the code, so it is
    /// set only where a source says: a note that admits a guess means it
    /// should be left out. Only `true` has to name its source in the note;
    /// `false` is what replies to a command get, and the sources describe
    /// those by channel (error reply, ack), not code by code.
    fn closes_connection(&mut self, at: &str, closes: bool, note: &str) {
        let note = note.to_lowercase();
        let guess = note
            .split(['.', ';'])
            .find(|s| mentions_closing(s) && GUESSES.iter().any(|g| s.contains(g)));
        if let Some(sentence) = guess {
            self.err(
                at,
                format!(
                    "the note calls closes_connection a guess (\"{}\"): set it only where a source says how the code arrives, cite that source in `note`, or leave the field out",
                    sentence.trim()
                ),
            );
        } else if closes && !mentions_closing(&note) {
            self.err(
                at,
                "closes_connection = true but the note does not mention the connection closing: cite the source in `note` (a close code, a listed disconnect cause) or leave the field out",
            );
        }
    }

    fn symbol(&mut self, at: &str, symbol: &Option<String>) -> String {
        match symbol.as_deref().map(str::trim) {
            None | Some("") => {
                self.err(at, "missing symbol (the official constant name, or one of ours with symbol_ours = true)");
                String::new()
            }
            Some(s) => s.to_string(),
        }
    }
}

/// How the validator names an entry: its key (`server/1501`,
/// `rest/HTTP 401 unauthorized`), with the message and `error_code` that
/// tell Easemob REST entries of one type apart.
fn entry_label(e: &EntryDef) -> String {
    // The status is part of the key where codes are not numbers.
    let status = e
        .status
        .filter(|_| !matches!(e.code, Some(CodeDef::Number(_))));
    let code = e
        .code
        .as_ref()
        .map(|c| c as &dyn fmt::Display)
        .or(e.error_code.as_ref().map(|n| n as &dyn fmt::Display));
    let mut at = format!("{}/{}", e.surface, super::key::EntryKey { status, code });
    if let Some(m) = e.message.as_ref().or(e.pattern.as_ref()) {
        at.push_str(&format!(" \"{m}\""));
    }
    if let (Some(n), Some(_)) = (e.error_code, &e.code) {
        at.push_str(&format!(" (error_code {n})"));
    }
    at
}

/// How the validator names a range: `server/20001..29999`.
fn range_label(r: &RangeDef) -> String {
    format!("{}/{}..{}", r.surface, r.first, r.last)
}

/// Checks a file as read by `schema::parse` and builds its table. `file`
/// names it in every message.
pub fn table(file: &str, def: FileDef) -> Result<Table, Vec<String>> {
    let mut ck = Checker {
        file,
        errors: Vec::new(),
    };

    let vendor = Vendor::from_str(&def.vendor).ok();
    if vendor.is_none() {
        ck.err(
            "header",
            format!(
                "unknown vendor \"{}\" (expected one of {})",
                def.vendor,
                expected::<Vendor>()
            ),
        );
    }
    if def.name.trim().is_empty() {
        ck.err("header", "empty name");
    }
    let mut surfaces = Vec::new();
    for s in &def.surfaces {
        match Surface::from_str(s) {
            Ok(sf) if surfaces.contains(&sf) => {
                ck.err("header", format!("surface \"{s}\" listed twice"))
            }
            Ok(sf) => surfaces.push(sf),
            Err(_) => ck.err(
                "header",
                format!(
                    "unknown surface \"{s}\" (expected one of {})",
                    expected::<Surface>()
                ),
            ),
        }
    }
    if def.surfaces.is_empty() {
        ck.err("header", "no surfaces");
    }
    let matched = |v: Option<Vendor>, s: Surface| v.is_some_and(|v| v.matches_errors(s));

    let mut entries = Vec::new();
    let mut keys: HashMap<String, String> = HashMap::new();
    // Per surface, whether its codes are text (the first entry decides).
    let mut text_coded: HashMap<Surface, (bool, String)> = HashMap::new();
    // Per (surface, symbol), each use's versions and entry label.
    type Uses = Vec<(Option<String>, String)>;
    let mut symbols: HashMap<(Surface, String), Uses> = HashMap::new();
    let mut variants: HashMap<(Surface, String), String> = HashMap::new();
    let mut phrases: HashMap<String, String> = HashMap::new();
    for e in &def.entry {
        let at = entry_label(e);
        let Some(surface) = ck.surface(&at, &e.surface, &surfaces, &def.surfaces) else {
            continue;
        };
        let by_match = matched(vendor, surface);
        let key = if by_match {
            if matches!(e.code, Some(CodeDef::Number(_))) {
                ck.err(&at, "code must be the error type string on this surface");
            }
            if e.status.is_none() && e.error_code.is_none() {
                ck.err(
                    &at,
                    "missing status (the HTTP status the vendor sends with this error)",
                );
            }
            if e.message.is_some() && e.pattern.is_some() {
                ck.err(&at, "set message or pattern, not both");
            }
            if e.pattern.as_ref().is_some_and(|p| !p.contains('*')) {
                ck.err(&at, "pattern has no `*`: use message for a fixed text");
            }
            if e.alias_of.is_some() {
                ck.err(
                    &at,
                    "alias_of is for surfaces looked up by code, not Easemob REST",
                );
            }
            let has_text = e.message.is_some() || e.pattern.is_some();
            if has_text && e.samples.is_empty() {
                ck.err(&at, "missing samples (the documented (status, error, message) triples this entry covers)");
            }
            let ty = match &e.code {
                Some(CodeDef::Text(t)) => normalize::error_type(t, &mut [0; normalize::MAX_TYPE])
                    .unwrap_or(t)
                    .to_string(),
                _ => String::new(),
            };
            let mut buf = [0u8; normalize::MAX_MESSAGE];
            let msg = e
                .message
                .as_deref()
                .or(e.pattern.as_deref())
                .map(|m| normalize::message(m, &mut buf).unwrap_or(m).to_string());
            // An empty message is a key of its own, distinct from none.
            format!("{surface}|{:?}|{ty}|{msg:?}|{:?}", e.status, e.error_code)
        } else {
            for (field, set) in [
                ("pattern", e.pattern.is_some()),
                ("error_code", e.error_code.is_some()),
                ("samples", !e.samples.is_empty()),
            ] {
                if set {
                    ck.err(&at, format!("{field} is only for Easemob REST entries"));
                }
            }
            let Some(code) = &e.code else {
                ck.err(&at, "missing code");
                continue;
            };
            if let CodeDef::Text(t) = code
                && (t.trim().is_empty() || t.trim() != t)
            {
                ck.err(
                    &at,
                    "a text code is not blank and has no surrounding spaces",
                );
            }
            let is_text = matches!(code, CodeDef::Text(_));
            let (first_text, first_at) = text_coded
                .entry(surface)
                .or_insert_with(|| (is_text, at.clone()))
                .clone();
            if first_text != is_text {
                let kind = |t: bool| if t { "text" } else { "an integer" };
                ck.err(
                    &at,
                    format!(
                        "code is {} but {first_at}, the surface's first entry, has {} code: one surface, one kind of code",
                        kind(is_text),
                        kind(first_text)
                    ),
                );
            }
            format!("{surface}|{code}")
        };
        if let Some(first) = keys.insert(key, at.clone()) {
            ck.err(
                &at,
                format!("duplicate code: the same key as entry {first}"),
            );
        }
        if let Some(closes) = e.closes_connection {
            if !(vendor == Some(Vendor::LeanCloud) && surface == Surface::Realtime) {
                ck.err(
                    &at,
                    "closes_connection is only for LeanCloud realtime entries",
                );
            }
            ck.closes_connection(&at, closes, e.note.as_deref().unwrap_or(""));
        }
        let origin = match &e.origin {
            None => Origin::Vendor,
            Some(o) => match Origin::from_str(o) {
                Ok(o) => o,
                Err(_) => {
                    ck.err(
                        &at,
                        format!(
                            "unknown origin \"{o}\" (expected one of {})",
                            expected::<Origin>()
                        ),
                    );
                    Origin::Vendor
                }
            },
        };
        for p in &e.phrases {
            if p.trim() != p || p.len() < 8 {
                ck.err(&at, format!("phrase \"{p}\" is shorter than 8 bytes or has surrounding spaces: too likely to match text it does not mean"));
            }
            if let Some(first) = phrases.insert(p.clone(), at.clone()) {
                ck.err(&at, format!("phrase \"{p}\" also names {first}"));
            }
        }
        let symbol = ck.symbol(&at, &e.symbol);
        // An alias takes its class and texts from the entry it aliases: it
        // states none of its own.
        let (class, texts) = if e.alias_of.is_some() {
            let own = [
                ("category", e.category.is_some()),
                ("retry", e.retry.is_some()),
                ("action", e.action.is_some()),
                ("effect", e.effect.is_some()),
                ("retry_after", e.retry_after.is_some()),
                ("summary", e.summary.is_some()),
                ("summary_zh", e.summary_zh.is_some()),
                ("hint", e.hint.is_some()),
                ("hint_zh", e.hint_zh.is_some()),
            ];
            for (field, set) in own {
                if set {
                    ck.err(
                        &at,
                        format!(
                            "{field}: an alias takes it from the entry it aliases; leave it out"
                        ),
                    );
                }
            }
            (None, None)
        } else {
            let class = ck.class(
                &at,
                &e.category,
                &e.retry,
                &e.action,
                &e.effect,
                e.retry_after,
            );
            let texts = ck.texts(&at, &e.summary, &e.summary_zh, &e.hint, &e.hint_zh, &symbol);
            (class, Some(texts))
        };
        for (field, v) in [
            ("message", &e.message),
            ("versions", &e.versions),
            ("versions_zh", &e.versions_zh),
            ("note", &e.note),
        ] {
            // Easemob sends some errors with an empty description, which is
            // not the same as sending none.
            let empty_is_a_fact = field == "message" && by_match;
            if !empty_is_a_fact && v.as_deref().is_some_and(|v| v.trim().is_empty()) {
                ck.err(&at, format!("empty {field}: leave it out instead"));
            }
        }
        match (&e.versions, &e.versions_zh) {
            (None, Some(_)) => ck.err(&at, "versions_zh without versions"),
            (Some(_), None) => ck.err(
                &at,
                "versions without versions_zh: the Chinese docs and hints print it too",
            ),
            (Some(_), Some(zh)) if !has_chinese(zh) => ck.err(&at, no_chinese("versions_zh")),
            _ => {}
        }
        let variant = e.variant.clone().unwrap_or_else(|| variant_name(&symbol));
        if !symbol.is_empty() {
            symbols
                .entry((surface, symbol.clone()))
                .or_default()
                .push((e.versions.clone(), at.clone()));
            if let Some(first) = variants.insert((surface, variant.clone()), at.clone()) {
                ck.err(&at, format!("generated name {variant} collides with {first} (set `variant` on one of them)"));
            }
        }
        let placeholder = || Class {
            category: Category::Unknown,
            retry: Retry::No,
            action: Action::Investigate,
            effect: Effect::Unknown,
            retry_after: None,
        };
        let class = match (&e.alias_of, class) {
            (Some(_), _) => placeholder(),
            (None, Some(c)) => c,
            (None, None) => continue,
        };
        entries.push(Entry {
            surface,
            code: e.code.clone(),
            status: e.status,
            message: e.message.clone(),
            pattern: e.pattern.clone(),
            error_code: e.error_code,
            samples: e.samples.clone(),
            symbol,
            symbol_ours: e.symbol_ours,
            variant,
            class,
            closes_connection: e.closes_connection,
            versions: e.versions.clone(),
            versions_zh: e.versions_zh.clone(),
            alias_of: e.alias_of.clone(),
            origin,
            phrases: e.phrases.clone(),
            texts: texts.unwrap_or_else(|| Texts {
                summary: String::new(),
                summary_zh: String::new(),
                hint: String::new(),
                hint_zh: String::new(),
            }),
            note: e.note.clone(),
        });
    }
    // A symbol names one code, except across versions: the vendor reused a
    // name when it renumbered a code, and each number keeps its versions.
    for ((_, symbol), uses) in &symbols {
        if uses.len() < 2 {
            continue;
        }
        let unversioned: Vec<&String> = uses
            .iter()
            .filter(|(v, _)| v.is_none())
            .map(|(_, at)| at)
            .collect();
        if unversioned.len() > 1 {
            ck.err(
                unversioned[1],
                format!(
                    "symbol \"{symbol}\" is also used by {}: entries sharing a symbol must say in `versions` where each applies",
                    unversioned[0]
                ),
            );
        }
        let mut seen: HashMap<&str, &String> = HashMap::new();
        for (v, at) in uses {
            if let Some(v) = v
                && let Some(first) = seen.insert(v.as_str(), at)
            {
                ck.err(
                    at,
                    format!("symbol \"{symbol}\" and versions \"{v}\" are also those of {first}"),
                );
            }
        }
    }
    resolve_aliases(&mut ck, &mut entries);
    renamed_official_symbols(&mut ck, &def);
    same_hint_same_fix(&mut ck, &def);

    let mut ranges = Vec::new();
    let mut by_surface: BTreeMap<Surface, Vec<(i64, i64, String)>> = BTreeMap::new();
    for r in &def.range {
        let at = range_label(r);
        let Some(surface) = ck.surface(&at, &r.surface, &surfaces, &def.surfaces) else {
            continue;
        };
        if matched(vendor, surface) || text_coded.get(&surface).is_some_and(|(t, _)| *t) {
            ck.err(
                &at,
                "ranges need numeric codes; this surface's codes are text",
            );
        }
        if r.first > r.last {
            ck.err(&at, "first is greater than last");
        }
        by_surface
            .entry(surface)
            .or_default()
            .push((r.first, r.last, at.clone()));
        let symbol = ck.symbol(&at, &r.symbol);
        if let Some(v) = &r.variant {
            ck.err(&at, format!("variant \"{v}\" is only for entries"));
        }
        let class = ck.class(
            &at,
            &r.category,
            &r.retry,
            &r.action,
            &r.effect,
            r.retry_after,
        );
        let texts = ck.texts(&at, &r.summary, &r.summary_zh, &r.hint, &r.hint_zh, &symbol);
        let Some(class) = class else { continue };
        ranges.push(Range {
            surface,
            first: r.first,
            last: r.last,
            symbol,
            symbol_ours: r.symbol_ours,
            class,
            texts,
            note: r.note.clone(),
        });
    }
    for list in by_surface.values_mut() {
        list.sort();
        for pair in list.windows(2) {
            if pair[1].0 <= pair[0].1 {
                ck.err(&pair[1].2, format!("range overlaps {}", pair[0].2));
            }
        }
    }

    if !ck.errors.is_empty() {
        return Err(ck.errors);
    }
    let mut table = Table {
        vendor: vendor.expect("checked above"),
        name: def.name,
        surfaces,
        entries,
        ranges,
    };
    let order = table.surfaces.clone();
    table
        .entries
        .sort_by_key(|e| order.iter().position(|s| *s == e.surface));
    table
        .ranges
        .sort_by_key(|r| (order.iter().position(|s| *s == r.surface), r.first));
    Ok(table)
}

/// Gives every alias the class and texts of the entry it aliases, which must
/// be on the same surface and not an alias itself.
fn resolve_aliases(ck: &mut Checker<'_>, entries: &mut [Entry]) {
    for i in 0..entries.len() {
        let Some(target) = entries[i].alias_of.clone() else {
            continue;
        };
        let surface = entries[i].surface;
        let at = format!(
            "{surface}/{}",
            entries[i]
                .code
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default()
        );
        let found = entries
            .iter()
            .position(|t| t.surface == surface && t.code.as_ref() == Some(&target));
        match found {
            None => ck.err(&at, format!("alias_of {target}: no entry with that code on this surface")),
            Some(j) if entries[j].alias_of.is_some() => ck.err(
                &at,
                format!("alias_of {target}: that entry is an alias itself; point at the entry it aliases"),
            ),
            Some(j) if j == i => ck.err(&at, "alias_of names the entry itself"),
            Some(j) => {
                entries[i].class = entries[j].class;
                entries[i].texts = entries[j].texts.clone();
            }
        }
    }
}

/// Words in a note that say the connection closes.
fn mentions_closing(text: &str) -> bool {
    ["close", "closing", "closure", "关闭", "disconnect", "断开"]
        .iter()
        .any(|w| text.contains(w))
}

/// Words in a note that admit a value was chosen without a source.
const GUESSES: [&str; 11] = [
    "unknown",
    "we chose",
    "guess",
    "assum",
    "presum",
    "probabl",
    "likely",
    "no source",
    "not stated",
    "inferred",
    "inference",
];

/// Suffixes that say a symbol is an older form of another.
const OLDER: [&str; 3] = ["legacy", "old", "deprecated"];

/// Where a symbol of ours is an official one with a version suffix
/// (`ErrPasswordLegacy`, `PUBSUB_INTERNAL_ERROR_4521`), the official name was
/// renamed to keep symbols unique; entries may share a symbol when
/// `versions` tells them apart, so the official name stays. A suffix such as
/// `Legacy` says the same even when no official name is in the file. `V2`
/// alone is not flagged: it also names an API generation (RongCloud
/// `SUCCESS_V2`, the v2 Server API's success code).
fn renamed_official_symbols(ck: &mut Checker<'_>, def: &FileDef) {
    let symbols: Vec<(&str, bool, String)> = def
        .entry
        .iter()
        .map(|e| (e.symbol.as_deref(), e.symbol_ours, entry_label(e)))
        .chain(
            def.range
                .iter()
                .map(|r| (r.symbol.as_deref(), r.symbol_ours, range_label(r))),
        )
        .filter_map(|(s, ours, at)| Some((s?.trim(), ours, at)))
        .collect();
    let mut official: BTreeMap<&str, &str> = BTreeMap::new();
    for (symbol, ours, at) in &symbols {
        if !ours {
            official.entry(symbol).or_insert(at);
        }
    }
    for (symbol, _, at) in symbols.iter().filter(|(_, ours, _)| *ours) {
        let renamed = official
            .iter()
            .find_map(|(base, of)| Some((base, of, version_suffix(symbol, base)?)));
        if let Some((base, of, suffix)) = renamed {
            ck.err(
                at,
                format!(
                    "symbol \"{symbol}\" (ours) is the official symbol \"{base}\" of {of} plus the suffix \"{suffix}\": keep \"{base}\" with symbol_ours = false and tell the two apart in `versions` (set `variant` if the generated names collide)"
                ),
            );
        } else if let Some(word) = older_suffix(symbol) {
            ck.err(
                at,
                format!(
                    "symbol \"{symbol}\" (ours) ends in \"{word}\": if the vendor names this code, keep that name with symbol_ours = false and say in `versions` where it applies; otherwise name the code, not its age"
                ),
            );
        }
    }
}

/// The suffix that turns `base` into `symbol`, when it reads as a version:
/// `Legacy`, `Old`, `Deprecated`, `V2`, or a number such as the code.
fn version_suffix<'s>(symbol: &'s str, base: &str) -> Option<&'s str> {
    let rest = symbol.strip_prefix(base)?;
    let word = match rest.strip_prefix('_') {
        Some(word) => word,
        // CamelCase: the suffix starts a new word.
        None if base.ends_with(|c: char| c.is_ascii_lowercase())
            && rest.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) =>
        {
            rest
        }
        None => return None,
    };
    let lower = word.to_ascii_lowercase();
    let number = lower.strip_prefix('v').unwrap_or(&lower);
    let is_version = OLDER.contains(&lower.as_str())
        || (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()));
    is_version.then_some(word)
}

/// The last word of a symbol (after the last `_`, or its last capitalised
/// word), when it says the symbol is an older form.
fn older_suffix(symbol: &str) -> Option<&str> {
    let word = match symbol.rfind('_') {
        Some(i) => &symbol[i + 1..],
        None => symbol
            .rfind(|c: char| c.is_ascii_uppercase())
            .map_or(symbol, |i| &symbol[i..]),
    };
    OLDER
        .contains(&word.to_ascii_lowercase().as_str())
        .then_some(word)
}

/// The hint is the fix, so entries and ranges that give word for word the
/// same hint must agree on retry and action. Their categories may differ: a
/// timeout and a dropped packet can share the fix "retry once the network is
/// stable".
fn same_hint_same_fix(ck: &mut Checker<'_>, def: &FileDef) {
    let uses = def
        .entry
        .iter()
        // An alias has no texts of its own.
        .filter(|e| e.alias_of.is_none())
        .map(|e| (entry_label(e), &e.hint, &e.retry, &e.action))
        .chain(
            def.range
                .iter()
                .map(|r| (range_label(r), &r.hint, &r.retry, &r.action)),
        );
    let mut first: HashMap<&str, (String, &str, &str)> = HashMap::new();
    for (at, hint, retry, action) in uses {
        let (Some(hint), Some(retry), Some(action)) = (hint, retry, action) else {
            continue;
        };
        let hint = hint.trim();
        if hint.is_empty() {
            continue;
        }
        match first.get(hint) {
            None => {
                first.insert(hint, (at, retry, action));
            }
            Some((other, r, a)) if (*r, *a) != (retry.as_str(), action.as_str()) => ck.err(
                &at,
                format!(
                    "hint is the same as that of {other}, but retry \"{retry}\", action \"{action}\" here and retry \"{r}\", action \"{a}\" there: one fix takes one retry and action, so align them or give each code a hint of its own"
                ),
            ),
            Some(_) => {}
        }
    }
}
