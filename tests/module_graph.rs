//! No two modules import each other, directly or through others: each layer can be read,
//! changed and tested on its own. A module and its own submodules may use each other.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Module = Vec<String>;

/// Every module of `src/`, by path, with its source outside `#[cfg(test)]`.
fn modules(dir: &Path, parent: &Module, out: &mut BTreeMap<Module, String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let Some(name) = name else { continue };
        if path.is_dir() {
            let mut child = parent.clone();
            child.push(name);
            modules(&path, &child, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut module = parent.clone();
            if !["mod", "lib", "main"].contains(&name.as_str()) {
                module.push(name);
            }
            let text = fs::read_to_string(&path).unwrap_or_default();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            out.insert(module, code.to_string());
        }
    }
}

/// The module a `use` path names, seen from `from`.
fn target(from: &Module, path: &str, known: &BTreeMap<Module, String>) -> Option<Module> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Module = match parts.first() {
        Some(&"crate") => {
            parts.remove(0);
            Vec::new()
        }
        Some(&"super") => {
            let mut base = from.clone();
            while parts.first() == Some(&"super") {
                parts.remove(0);
                base.pop();
            }
            base
        }
        Some(&"self") => {
            parts.remove(0);
            from.clone()
        }
        _ => from.clone(),
    };
    base.extend(parts.iter().map(|p| p.to_string()));
    (1..=base.len())
        .rev()
        .map(|k| base[..k].to_vec())
        .find(|m| known.contains_key(m))
}

fn related(a: &Module, b: &Module) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

fn imports(known: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, code) in known {
        for line in code.lines().map(str::trim_start) {
            let line = line
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ");
            let Some(rest) = line.strip_prefix("use ") else {
                continue;
            };
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let path = path.trim_end_matches(':');
            if let Some(t) = target(module, path, known).filter(|t| !related(module, t)) {
                edges.entry(module.clone()).or_default().insert(t);
            }
        }
    }
    edges
}

/// Modules `from` reaches through imports.
fn reach(from: &Module, edges: &BTreeMap<Module, BTreeSet<Module>>) -> BTreeSet<Module> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<Module> = edges.get(from).into_iter().flatten().cloned().collect();
    while let Some(m) = todo.pop() {
        if seen.insert(m.clone()) {
            todo.extend(edges.get(&m).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let mut known = BTreeMap::new();
    modules(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &Vec::new(),
        &mut known,
    );
    assert!(known.len() > 50, "src/ was read: {} modules", known.len());
    let edges = imports(&known);
    let mut cycles = Vec::new();
    for (module, targets) in &edges {
        for t in targets {
            if reach(t, &edges).contains(module) {
                cycles.push(format!("{} -> {}", module.join("::"), t.join("::")));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
}

/// The check finds a cycle where there is one.
#[test]
fn a_cycle_is_found() {
    let known: BTreeMap<Module, String> = [
        (vec!["a".to_string()], "use crate::b::Thing;\n".to_string()),
        (vec!["b".to_string()], "use super::a::Other;\n".to_string()),
        (vec!["c".to_string()], "use crate::a;\n".to_string()),
    ]
    .into_iter()
    .collect();
    let edges = imports(&known);
    let a = vec!["a".to_string()];
    let c = vec!["c".to_string()];
    assert!(reach(&a, &edges).contains(&a));
    assert!(!reach(&a, &edges).contains(&c));
}
