use super::*;
use dom_query::Document;

fn teasers(html: &str, url: &str) -> Vec<Teaser> {
    let doc = Document::from(html);
    collect(&DomIndex::read(&doc.root()), url, 20)
}

fn titles(html: &str) -> Vec<String> {
    teasers(html, "https://example.org/news/2025/the-story").into_iter().map(|t| t.title).collect()
}

#[test]
fn related_list_items_become_teasers_with_absolute_links() {
    let html = "<body><article><h1>The story</h1><p>Body.</p></article>\
         <div class='related-stories'><ul>\
         <li><h3><a href='/a-1'>City approves the new bridge plan</a></h3><p>The council voted on Tuesday.</p></li>\
         <li><h3><a href='https://example.org/b-2'>Schools close early this summer</a></h3></li>\
         <li><a href='/c-3'>Too short</a></li></ul></div></body>";
    let got = teasers(html, "https://example.org/story");
    let titles: Vec<&str> = got.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, vec!["City approves the new bridge plan", "Schools close early this summer"]);
    assert_eq!(got[0].link.as_deref(), Some("https://example.org/a-1"));
    assert_eq!(got[0].summary.as_deref(), Some("The council voted on Tuesday."));
    assert_eq!(got[1].summary, None);
}

#[test]
fn teasers_already_in_the_article_are_not_appended() {
    let teaser =
        |title: &str| Teaser { title: title.into(), link: None, summary: Some("Summary.".into()), rest_chars: 8 };
    let mut blocks = vec![Block::new(BlockKind::Paragraph, "As we reported in Harbour reopens after storm, it did.")];
    let candidates = vec![teaser("Harbour reopens after storm"), teaser("The title itself"), teaser("Another story")];
    append(&mut blocks, candidates, Some("The title itself"));
    let kinds: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![BlockKind::Paragraph, BlockKind::RelatedBreak, BlockKind::TeaserTitle, BlockKind::Paragraph]
    );
    assert_eq!(blocks[2].text, "Another story");
}

fn links(html: &str) -> Vec<(String, String)> {
    teasers(html, "https://example.org/news/2025/the-story")
        .into_iter()
        .map(|t| (t.title, t.link.unwrap_or_default()))
        .collect()
}

fn page(blocks: &str) -> String {
    format!("<html><body><main><article><h1>The story</h1><p>Body of the article.</p></article></main>{blocks}</body></html>")
}

#[test]
fn cards_need_a_repeated_structure_or_a_related_block() {
    // Two cards in a plain grid count; a lone card only under a related name or heading.
    let grid = page(
        "<div class='grid'><div class='card'><h3><a href='/news/2025/bridge-vote'>City approves the new bridge plan</a></h3></div>\
         <div class='card'><h3><a href='/news/2025/schools'>Schools close early this summer</a></h3></div></div>",
    );
    assert_eq!(titles(&grid).len(), 2);
    let lone = |heading: &str| {
        page(&format!(
            "<section><h2>{heading}</h2><article><a href='/news/2025/metro'>Le métro fermé deux semaines pour travaux</a></article></section>"
        ))
    };
    assert_eq!(titles(&lone("Lire aussi")), vec!["Le métro fermé deux semaines pour travaux"]);
    assert_eq!(titles(&lone("Lesen Sie auch")).len(), 1);
    assert!(titles(&lone("Unser Team")).is_empty(), "a lone link under any heading is no card");
}

#[test]
fn navigation_comments_share_and_shop_markup_hold_no_cards() {
    let list = |class: &str| {
        page(&format!(
            "<div class='{class}'><ul><li><a href='/news/2025/one-story'>Storm closes the northern ring road</a></li>\
             <li><a href='/news/2025/two-story'>Heatwave warning issued for the coast</a></li></ul></div>"
        ))
    };
    assert_eq!(titles(&list("widget latest")).len(), 2);
    for class in ["main-menu", "breadcrumbs", "comment-list", "share-tools", "product-grid", "newsletter-box"] {
        assert!(titles(&list(class)).is_empty(), "{class}");
    }
    let nav = page(
        "<nav><ul><li><a href='/news/2025/one-story'>Storm closes the northern ring road</a></li>\
         <li><a href='/news/2025/two-story'>Heatwave warning issued for the coast</a></li></ul></nav>",
    );
    assert!(titles(&nav).is_empty());
    // A wrapper of the whole page with an ad word is no ad widget.
    let long_page = list("related").replace("Body of the article.", &"A sentence of the article. ".repeat(100));
    let wrapped = long_page.replace("<body>", "<body><div class='ad-pusher'>").replace("</body>", "</div></body>");
    assert_eq!(titles(&wrapped).len(), 2);
}

#[test]
fn inactive_tab_panels_are_hidden_until_clicked() {
    let panel = |class: &str, a: &str, b: &str| {
        format!(
            "<div class='{class}'><ul><li><a href='/news/2025/{a}-1'>{a} closes the northern ring road</a></li>\
             <li><a href='/news/2025/{b}-2'>{b} warning issued for the coast</a></li></ul></div>"
        )
    };
    let html = page(&format!(
        "<div class='widget'>{}{}</div>",
        panel("tab-pane fade show active", "Storm", "Heatwave"),
        panel("tab-pane fade", "Flood", "Frost")
    ));
    assert_eq!(titles(&html), vec!["Storm closes the northern ring road", "Heatwave warning issued for the coast"]);
}

#[test]
fn cards_showing_a_price_are_products() {
    let html = page(
        "<ul class='grid'><li><a href='/p/sandal-1'>Arizona Sandal in Mocha for Women</a><span>$110.00</span></li>\
         <li><a href='/p/sandal-2'>Mayari Sandal in Stone for Women</a><span>99,00 €</span></li></ul>",
    );
    assert!(titles(&html).is_empty());
}

#[test]
fn a_docs_tree_is_navigation_and_a_tabbed_list_is_not() {
    let tree = page(
        "<ul class='toc-tree'><li><a href='/docs/guide/intro-1'>Getting started with the tool</a><ul>\
         <li><a href='/docs/guide/install-2'>How to install the tool</a></li>\
         <li><a href='/docs/guide/config-3'>How to configure the tool</a></li></ul></li></ul>",
    );
    assert!(titles(&tree).is_empty());
    let tabs = page(
        "<div class='most-popular'><ul><li><h3>Most Viewed</h3><ul class='inner'>\
         <li><a href='/news/2025/one-story'>Storm closes the northern ring road</a></li>\
         <li><a href='/news/2025/two-story'>Heatwave warning issued for the coast</a></li></ul></li></ul></div>",
    );
    assert_eq!(titles(&tabs).len(), 2);
}

#[test]
fn overlay_links_take_the_cards_heading_and_wrapping_links_their_first_block() {
    let html = page(
        "<div class='row'><div class='tile'><a class='cover' href='/news/2025/a-1'><img src='a.jpg'></a>\
         <h4>Der Stadtrat beschließt den Neubau der Brücke</h4><p>Kurz gefasst.</p>\
         <a href='/news/2025/a-1'>Read more about Der Stadtrat beschließt den Neubau der Brücke</a></div>\
         <div class='tile'><a class='cover' href='/news/2025/b-2'><img src='b.jpg'></a>\
         <h4>Die Schulen schließen früher in diesem Sommer</h4></div></div>\
         <div><a href='/news/2025/c-3'><div><div>How to teach a dog to come</div><div>Jane Roe</div></div></a>\
         <a href='/news/2025/d-4'><div><div>How a dog ages over the years</div><div>Jane Roe</div></div></a></div>",
    );
    assert_eq!(
        links(&html),
        vec![
            ("Der Stadtrat beschließt den Neubau der Brücke".into(), "https://example.org/news/2025/a-1".into()),
            ("Die Schulen schließen früher in diesem Sommer".into(), "https://example.org/news/2025/b-2".into()),
            ("How to teach a dog to come".into(), "https://example.org/news/2025/c-3".into()),
            ("How a dog ages over the years".into(), "https://example.org/news/2025/d-4".into()),
        ]
    );
}

#[test]
fn only_other_article_pages_of_the_site_are_targets() {
    let base = url::Url::parse("https://www.example.org/news/view.php?id=7&utm_source=x").unwrap();
    let site = site_of(base.host_str().unwrap());
    let ok = |href: &str| article_link(href, &base, &site).is_some();
    assert!(ok("/news/view.php?id=8"), "another id of the same script");
    assert!(ok("https://sport.example.org/2025/05/final-score"), "a sister subdomain");
    assert!(ok("/wirtschaft/deutschlandticket"));
    assert!(!ok("/news/view.php?id=7"), "this page");
    assert!(!ok("/news/view.php?utm_medium=y"), "this page with a tracking query");
    assert!(!ok("#comments") && !ok("javascript:void(0)") && !ok("mailto:a@example.org"));
    assert!(!ok("/files/report-2025.pdf") && !ok("/images/photo-1.JPG"));
    assert!(!ok("/tag/climate-change") && !ok("/author/jane-roe") && !ok("/shop/gift-card-50"));
    assert!(!ok("/politik") && !ok("/"), "a section, the home page");
    let listing = url::Url::parse("https://example.org/cat/shelving-st002/").unwrap();
    let facet = "/cat/shelving-st002/f/black-shelving-10139/";
    assert!(article_link(facet, &listing, "example.org").is_none(), "a facet of this listing");
    let home = url::Url::parse("https://example.org/?ref=x").unwrap();
    assert!(article_link("/blog/choosing-a-dog-bed", &home, "example.org").is_some());
    assert!(!ok("https://other.example.com/2025/05/story"), "another site");
    let uk = url::Url::parse("https://news.example.co.uk/a-1").unwrap();
    assert!(article_link("https://shop.other.co.uk/a-2", &uk, &site_of("news.example.co.uk")).is_none());
}

#[test]
fn headlines_are_titles_not_labels() {
    assert!(is_headline("Safety officials urge Boeing to redesign part", "/x-1"));
    assert!(is_headline("Opening Bell 10.29.19", "/2019/10/opening-bell-10-29-19"));
    assert!(is_headline("Death by rounding", "/2020/06/death-by-rounding.html"));
    assert!(is_headline("‘아침마당’마저 접수한 유재석, 그가 뜨..", "/news/view.html"));
    assert!(!is_headline("Terms & Conditions", "/terms-conditions"), "label case");
    assert!(!is_headline("World News", "/world-news"));
    assert!(!is_headline("Opening Bell 10.29.19", "/2019/10/story-1"), "three words need the URL");
    assert!(!is_headline("Lire aussi", "/x-1") && !is_headline("You might also like", "/x-1"));
    assert!(!is_headline("Updated 12:24 am EST, Wednesday, November 20, 2019", "/x-1"), "a date");
    assert!(!is_headline("Related articles you may like:", "/x-1"));
}

#[test]
fn a_cards_headline_in_the_articles_reading_stays_a_section_heading_does_not() {
    let card = |title: &str, rest: usize| Teaser { title: title.into(), link: None, summary: None, rest_chars: rest };
    let blocks = vec![
        Block::new(BlockKind::Paragraph, "Body text citing Harbour reopens after storm in a sentence."),
        Block::new(BlockKind::Heading, "Best sewing machine for beginners"),
        Block::new(BlockKind::Heading, "Aerospace ranks second in the rankings"),
    ];
    let main: String = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(owned_by_article(&card("Harbour reopens after storm", 10), &blocks, &main), "a citation");
    assert!(owned_by_article(&card("Best sewing machine for beginners", 2400), &blocks, &main), "a listicle section");
    assert!(!owned_by_article(&card("Aerospace ranks second in the rankings", 120), &blocks, &main), "a card");
    assert!(!owned_by_article(&card("Something else entirely here", 10), &blocks, &main));
}

#[test]
fn tab_words_match_the_case_insensitive_compares_they_replaced() {
    let any = |w: &[u8], of: &[&str]| of.iter().any(|o| w.eq_ignore_ascii_case(o.as_bytes()));
    let old = |w: &[u8]| {
        (any(w, &["tab", "tabs", "tabpanel", "pane"]), any(w, &["active", "show", "current", "selected", "open"]))
    };
    let mut words: Vec<String> =
        ["tab", "TABS", "TabPanel", "pane", "Active", "show", "CURRENT", "selected", "open", "opened", "tabx", "panes"]
            .iter()
            .map(|w| w.to_string())
            .collect();
    let mut texts = crate::pipeline::text::generated::Texts::over("tabpneshowcurlidTAOPÉ");
    words.extend((0..20_000).map(|_| {
        let len = 3 + (texts.next() % 6) as usize;
        texts.text(len)
    }));
    for w in words.iter().filter(|w| (3..=8).contains(&w.len())) {
        assert_eq!(tab_word(w.as_bytes()), old(w.as_bytes()), "{w:?}");
    }
}
