//! Prints a page saved as HTML as the lines verbatim reads from it (one
//! a paragraph, caption, tag or header field), which its line numbers
//! count: `cargo run --example page_text -- PAGE.html`. benches/first_frame.sh
//! uses it to make a text copy of the site's 530 pages.

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: page_text PAGE.html");
        std::process::exit(2);
    };
    let html = match std::fs::read_to_string(&path) {
        Ok(html) => html,
        Err(e) => {
            eprintln!("{}: {e}", std::path::Path::new(&path).display());
            std::process::exit(1);
        }
    };
    match verbatim::parse::html::render(&html) {
        Ok(rendered) => println!("{}", rendered.text),
        Err(e) => {
            eprintln!("{}: {e}", std::path::Path::new(&path).display());
            std::process::exit(1);
        }
    }
}
