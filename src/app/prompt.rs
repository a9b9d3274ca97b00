//! What is typed into a prompt: the search's query, the events filter, a
//! name in the people view. One type, edited by the same prompt actions
//! in each, and drawn by one function ([`crate::ui`]'s prompt line).

use super::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    pub text: String,
    /// The text is the last one, shown selected: a character typed
    /// replaces it, as in a browser's find bar.
    pub replace: bool,
}

impl TextInput {
    pub fn new(text: impl Into<String>) -> TextInput {
        TextInput {
            text: text.into(),
            replace: false,
        }
    }

    /// The last text, shown selected.
    pub fn selected(text: impl Into<String>) -> TextInput {
        let text = text.into();
        TextInput {
            replace: !text.is_empty(),
            text,
        }
    }

    /// Edits the text by a prompt action; false for any other action.
    pub fn edit(&mut self, action: Action) -> bool {
        let typed = matches!(
            action,
            Action::PromptInput(_) | Action::PromptBackspace | Action::PromptClear
        );
        if !typed {
            return false;
        }
        if std::mem::take(&mut self.replace) {
            self.text.clear();
        }
        match action {
            Action::PromptInput(c) => self.text.push(c),
            Action::PromptBackspace => {
                self.text.pop();
            }
            _ => self.text.clear(),
        }
        true
    }
}

impl std::ops::Deref for TextInput {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for TextInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl PartialEq<&str> for TextInput {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selected_text_is_replaced_by_what_is_typed() {
        let mut input = TextInput::selected("trade");
        assert!(input.edit(Action::PromptInput('g')));
        assert_eq!(input, "g");
        assert!(input.edit(Action::PromptBackspace));
        assert_eq!(input, "");
        let mut input = TextInput::new("trade");
        input.edit(Action::PromptBackspace);
        assert_eq!(input, "trad");
        assert!(!input.edit(Action::Down));
        input.edit(Action::PromptClear);
        assert!(input.is_empty());
    }
}
