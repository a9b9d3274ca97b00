//! The rules of a site's robots.txt that concern us: the group for our
//! own name if there is one, else the `*` group; the longest matching
//! `Allow` or `Disallow` path wins (RFC 9309).

/// Paths a robot may not fetch, with the ones it may.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    rules: Vec<Rule>,
}

/// `Allow` (true) or `Disallow`, and its path.
type Rule = (bool, String);

/// The user agents a group names, and its rules.
type Group = (Vec<String>, Vec<Rule>);

impl Robots {
    /// The rules for `agent` (matched case-insensitively as a product
    /// name) in `text`; no text (a 404) allows everything.
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push((Vec::new(), Vec::new()));
                    }
                    in_agents = true;
                    if let Some(group) = groups.last_mut() {
                        group.0.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(group) = groups.last_mut()
                        && !value.is_empty()
                    {
                        group.1.push((key == "allow", value.to_string()));
                    }
                }
                _ => {}
            }
        }
        let ours = groups
            .iter()
            .find(|(agents, _)| {
                agents
                    .iter()
                    .any(|a| *a != "*" && agent.starts_with(a.as_str()))
            })
            .or_else(|| {
                groups
                    .iter()
                    .find(|(agents, _)| agents.iter().any(|a| a == "*"))
            });
        Robots {
            rules: ours.map(|(_, rules)| rules.clone()).unwrap_or_default(),
        }
    }

    /// Whether `path` (with its query) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        self.rules
            .iter()
            .filter(|(_, rule)| matches(rule, path))
            .max_by_key(|(allow, rule)| (rule.len(), *allow))
            .is_none_or(|(allow, _)| *allow)
    }
}

/// A rule's path against a path: a prefix, where `*` stands for any run
/// of characters and a final `$` anchors the end.
fn matches(rule: &str, path: &str) -> bool {
    let (rule, anchored) = match rule.strip_suffix('$') {
        Some(rule) => (rule, true),
        None => (rule, false),
    };
    let mut parts = rule.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = path.strip_prefix(first) else {
        return false;
    };
    for part in parts {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    !anchored || rest.is_empty() || rule.ends_with('*')
}

#[cfg(test)]
mod tests {
    use super::Robots;

    #[test]
    fn the_longest_rule_of_our_group_decides() {
        let text = "User-agent: *\nDisallow: /events/president/news/copy\nDisallow: /search\n\n\
                    User-agent: OtherBot\nDisallow: /\n";
        let robots = Robots::parse(text, "verbatim/0.1");
        assert!(!robots.allows("/events/president/news/copy/63033"));
        assert!(!robots.allows("/search?query=x"));
        assert!(robots.allows("/events/president/news/63033"));
        assert!(robots.allows("/events/president/news/feed"));
        let other = Robots::parse(text, "OtherBot/2");
        assert!(!other.allows("/events/president/news/63033"));
        let allowed = Robots::parse("User-agent: *\nDisallow: /a\nAllow: /a/b\n", "x");
        assert!(allowed.allows("/a/b/c") && !allowed.allows("/a/c"));
        let pattern = Robots::parse("User-agent: *\nDisallow: /*.pdf$\n", "x");
        assert!(!pattern.allows("/files/a.pdf") && pattern.allows("/files/a.pdf?x"));
        assert!(Robots::parse("", "x").allows("/anything"));
    }
}
