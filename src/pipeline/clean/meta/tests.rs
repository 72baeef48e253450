use super::*;
use dom_query::Document;

#[test]
fn titles_lose_site_names_and_prefer_the_headline_they_contain() {
    let sites = ["Gorilla Mats"];
    assert_eq!(without_site_name("Best Mats for Your Home - Gorilla Mats", &sites, ""), "Best Mats for Your Home");
    assert_eq!(
        without_site_name("Rheinpost | Streik bei der Bahn", &[], "https://rheinpost.de/a"),
        "Streik bei der Bahn"
    );
    assert_eq!(without_site_name("Le Monde » Grève à la SNCF", &["Le Monde"], ""), "Grève à la SNCF");
    assert_eq!(without_site_name("Before - After", &sites, ""), "Before - After");
    let read = |html: &str| {
        let doc = Document::from(html);
        let page = super::super::index::DomIndex::read(&doc.root());
        read_meta(&page, "https://news.example/a").title
    };
    let page = "<html><head><title>Huelga en el metro: lo que hay que saber | Diario Sur</title></head>\
                <body><h1>Huelga en el metro: lo que hay que saber</h1><p>Texto.</p></body></html>";
    assert_eq!(read(page).as_deref(), Some("Huelga en el metro: lo que hay que saber"));
}

#[test]
fn discussion_threads_are_known_by_url_or_schema_type() {
    for url in [
        "https://forum.example/t/new-to-astronomy/1234",
        "https://example.org/forums/topic/cast-iron-pans/",
        "https://example.org/index.php?/topic/356004-cast-iron/",
        "https://example.org/showthread.php?t=99",
        "https://example.org/questions/42/how-to",
    ] {
        assert!(is_discussion_url(url), "{url}");
    }
    for url in ["https://news.example/2025/03/topical-story", "https://example.org/t-shirts/blue", "not a url"] {
        assert!(!is_discussion_url(url), "{url}");
    }
    let read = |html: &str, url: &str| {
        let doc = Document::from(html);
        let page = super::super::index::DomIndex::read(&doc.root());
        read_meta(&page, url).discussion
    };
    let ld = r#"<html><head><script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Hard soil"}</script></head></html>"#;
    assert!(read(ld, "https://example.org/gardening/hard-soil"));
    let canonical =
        r#"<html><head><link rel="canonical" href="https://example.org/threads/hard-soil.12/"></head></html>"#;
    assert!(read(canonical, ""), "the canonical URL counts when the page's own is unknown");
    assert!(!read("<html><body><p>An article.</p></body></html>", "https://news.example/a/story"));
}

fn date_of(html: &str, url: &str) -> Option<String> {
    let doc = Document::from(html);
    let page = super::super::index::DomIndex::read(&doc.root());
    read_meta(&page, url).published_at
}

#[test]
fn a_date_printed_next_to_the_headline_when_the_markup_has_none() {
    let url = "https://news.example/a";
    let de = "<html><body><nav><a href='/'>Start</a></nav><h1><a href='/a'>Emulator und Brick Challenge</a></h1>\
              <small>Donnerstag, 15.2.2018, 19:51 &gt; max</small><p>Text des Artikels.</p></body></html>";
    assert_eq!(date_of(de, url).as_deref(), Some("2018-02-15T19:51:00"));
    let en = "<html><body><div class='meta'><span>Nathan Lian</span><div>March 2, 2026</div></div>\
              <h1>API documentation best practices</h1><p>Good docs matter.</p></body></html>";
    assert_eq!(date_of(en, url).as_deref(), Some("2026-03-02"), "just above the headline");
    let fr =
        "<html><body><h1>Grève à la SNCF</h1><p>Publié le 3 juin 2025</p><p>Le trafic est perturbé.</p></body></html>";
    assert_eq!(date_of(fr, url).as_deref(), Some("2025-06-03"));
    let far = format!("<html><body><h1>Titre</h1>{}<p>le 3 juin 2025</p></body></html>", "<p>x</p>".repeat(60));
    assert_eq!(date_of(&far, url), None, "only a bounded look");
}

#[test]
fn the_headline_the_title_names_anchors_the_date_even_in_a_sidebar_wrapper() {
    let page = r#"<html><head><title>The First Decade | Verfassungsblog</title></head><body>
        <div id="sidebar"><header><h1>The First Decade</h1>
        <span class="byline"><time class="entry-date" datetime="2019-07-13T15:52:31+02:00" pubdate>13 Jul 2019</time></span></header>
        <p>Ten years ago this blog started.</p><h1>Congrats!</h1><p>You read it all.</p></div>
        <ol class="commentlist"><li><article><time pubdate datetime="2019-08-01T01:15:45+02:00">1 Aug 2019</time>
        <p>Well done.</p></article></li></ol></body></html>"#;
    assert_eq!(date_of(page, "https://blog.example/the-first-decade/").as_deref(), Some("2019-07-13T15:52:31+02:00"));
}

#[test]
fn json_ld_fills_dates_authors_section_and_keywords() {
    let doc = Document::from(
        r#"<html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[{"@type":"WebPage","description":"page"},
         {"@type":"NewsArticle","datePublished":"2025-03-12T14:30:00+01:00","dateModified":"2025-03-12T16:00:00+01:00",
          "author":[{"@type":"Person","name":"Lena Vogt"},{"@type":"Person","name":"Jonas Brandt"}],
          "articleSection":"Wirtschaft","keywords":"Bahn, Streik","image":{"@type":"ImageObject","url":"/img/a.jpg"},
          "publisher":{"@type":"Organization","name":"Rheinpost"}}]}
        </script></head><body><p>Text</p><script>var x = 1;</script></body></html>"#,
    );
    let page = super::super::index::DomIndex::read(&doc.root());
    let meta = read_meta(&page, "https://rheinpost.example/a");
    assert_eq!(meta.published_at.as_deref(), Some("2025-03-12T14:30:00+01:00"));
    assert_eq!(meta.modified_at.as_deref(), Some("2025-03-12T16:00:00+01:00"));
    assert_eq!(meta.authors, vec!["Lena Vogt", "Jonas Brandt"]);
    assert_eq!(meta.section.as_deref(), Some("Wirtschaft"));
    assert_eq!(meta.tags, vec!["Bahn", "Streik"]);
    assert_eq!(meta.site_name.as_deref(), Some("Rheinpost"));
    assert_eq!(meta.image.as_deref(), Some("https://rheinpost.example/img/a.jpg"));
    assert_eq!(meta.description.as_deref(), Some("page"));
    assert_eq!(meta.page_text_chars, Some(4));
}

#[test]
fn meta_names_that_say_published_count_after_the_known_ones() {
    let url = "https://news.example/a";
    let page = |name: &str| {
        format!("<html><head><meta name='{name}' content='2025-05-27T06:03:43Z'></head><body><p>x</p></body></html>")
    };
    assert_eq!(date_of(&page("w-published-date"), url).as_deref(), Some("2025-05-27T06:03:43Z"));
    assert_eq!(date_of(&page("article.publishTime"), url).as_deref(), Some("2025-05-27T06:03:43Z"));
    assert_eq!(date_of(&page("last-published-modified-date"), url), None, "a modification");
    assert_eq!(date_of(&page("article:publisher"), url), None, "no date named");
    let both = "<html><head><meta name='w-published-date' content='2025-05-27'>\
                <meta name='dcterms.date' content='2025-05-20'></head><body><p>x</p></body></html>";
    assert_eq!(date_of(both, url).as_deref(), Some("2025-05-20"), "the known names first");
}

#[test]
fn an_image_filed_by_day_dates_the_page_before_date_elements() {
    let url = "https://news.example/a";
    let page = "<html><head><meta property='og:image' content='https://news.example/media/2020/10/26/1361729/a.jpg'>\
                </head><body><h1>Direktor pozitivan na koronavirus</h1><p>Tekst.</p><ul><li><a href='/b'>Drugi članak</a>\
                <div class='article-date-time'><span>09.08.2020 u 10:52</span></div></li></ul></body></html>";
    assert_eq!(date_of(page, url).as_deref(), Some("2020-10-26"));
    let declared = "<html><head><meta property='og:image' content='https://news.example/media/2020/10/26/a.jpg'>\
                    <meta property='article:published_time' content='2020-10-25T23:10:00+01:00'></head><body></body></html>";
    assert_eq!(date_of(declared, url).as_deref(), Some("2020-10-25T23:10:00+01:00"), "markup that names a publication");
    let named = "<html><head><meta property='og:image' content='https://cdn.example/DALLE_2023-10-23_142.png'></head>\
                 <body><h1>Translations in Syracuse</h1><p>We translate.</p></body></html>";
    assert_eq!(date_of(named, url), None, "a date in the file's name is the picture's");
}

#[test]
fn a_date_under_the_headline_outranks_a_teasers_time() {
    let url = "https://blog.example/a";
    let fr = "<html><body><h1>Violences policières : bombe à retardement</h1><ul class='info'><li>27 juin 2019</li>\
              <li>Par <a href='/elba'>Elba</a></li></ul><p>Texte du billet.</p><aside><ul><li><a href='/b'>Autre billet</a>\
              <span class='author'><time datetime='2019-07-30'>30 juil. 2019</time></span></li></ul></aside></body></html>";
    assert_eq!(date_of(fr, url).as_deref(), Some("2019-06-27"));
    let en = "<html><body><h1>China's Financial Markets</h1><p>Text of the piece.</p><ul><li>August 06, 2019</li></ul>\
              <ul><li><h5><a href='/80622'>Why It Won't Matter</a></h5><div class='meta'>December 17, 2019</div></li></ul></body></html>";
    assert_eq!(date_of(en, url).as_deref(), Some("2019-08-06"));
    let declared = "<html><body><h1>Headline of the day</h1><p>March 3, 2024</p>\
                    <p class='byline'><time class='published' datetime='2024-03-02'>2 March</time></p></body></html>";
    assert_eq!(date_of(declared, url).as_deref(), Some("2024-03-02"), "an element that declares the publication");
}

#[test]
fn a_logo_h1_the_title_also_names_is_not_the_headline() {
    let page = "<html><head><title>Didier Porte souhaite la Santé à Balkany | Chroniques | Là-bas si j'y suis</title></head>\
                <body><h1 id='logo'><a href='/'>Là-bas si j'y suis</a></h1><blockquote><cite>Télérama, 27 juin 2019</cite></blockquote>\
                <h1>Didier Porte souhaite la Santé à Balkany <span>Abonnés</span></h1>\
                <p class='publication'>Le <time datetime='2019-06-28T13:49:45Z'>28 juin 2019</time></p><p>Texte.</p></body></html>";
    assert_eq!(date_of(page, "https://labas.example/a").as_deref(), Some("2019-06-28T13:49:45Z"));
}

fn authors_of(html: &str) -> Vec<String> {
    let doc = Document::from(html);
    let page = super::super::index::DomIndex::read(&doc.root());
    read_meta(&page, "https://news.example/a").authors
}

#[test]
fn authors_near_the_headline_without_byline_markup() {
    let en = "<html><body><h1>The best laptops under $500</h1><div class='f7f7e985'><p class='a90f7598'>By \
              <a class='e31bedc8' href='/wirecutter/authors/kimber-streams/'>Kimber Streams</a></p></div><p>Text.</p></body></html>";
    assert_eq!(authors_of(en), vec!["Kimber Streams"]);
    let link = "<html><body><h1>IT security best practices</h1><div class='x'><span><a href='/authors/trevor-jackins'>\
                Trevor Jackins</a></span></div><p>Text.</p></body></html>";
    assert_eq!(authors_of(link), vec!["Trevor Jackins"], "a link to the author's page");
    let de = "<html><body><h1>Streik bei der Bahn</h1><div><span>Von</span> <b>Lena Vogt</b></div><p>Text.</p></body></html>";
    assert_eq!(authors_of(de), vec!["Lena Vogt"], "the opener in its own element");
    let es = "<html><body><h1>Huelga en el metro</h1><p>Por Ana López y Javier Ruiz</p><p>Texto.</p></body></html>";
    assert_eq!(authors_of(es), vec!["Ana López", "Javier Ruiz"]);
    let teaser =
        "<html><body><h1>Vehicle rental</h1><p>Text.</p><div><a href='/story/turo'><h2>What to know about Turo</h2>\
                  <p>By Clare Duffy, CNN</p></a></div></body></html>";
    assert!(authors_of(teaser).is_empty(), "a teaser's byline inside its link");
    let card =
        "<html><body><h1>In-demand programming languages</h1><a href='/authors/meghan-neville'><div class='name'>\
                Written by <span>Meghan Neville</span></div></a><p>Text.</p></body></html>";
    assert_eq!(authors_of(card), vec!["Meghan Neville"], "an author card linking to the author's page");
    let text_by = "<html><body><h1>A history of coffee</h1><div class='attribution'>Text by \
                   <a href='/contributor/ann-lee/'>Ann Lee</a></div><p>Text.</p></body></html>";
    assert_eq!(authors_of(text_by), vec!["Ann Lee"], "'Text by', 'Words by', 'Article by' open bylines too");
    let body = "<html><body><h1>Notes</h1><p>By the way, we moved.</p></body></html>";
    assert!(authors_of(body).is_empty());
    let more = "<html><body><h1>Tips for selecting DC motors</h1><p>By <a href='/contributor/a_j_neal'>A. J. Neal</a> \
                <a href='/edition/33' class='btn'>View In Digital Edition</a></p><p>Text.</p></body></html>";
    assert_eq!(authors_of(more), vec!["A. J. Neal"], "the link after an opener whose line says more");
    let fr = "<html><body><h1>Grève à la SNCF</h1><p>Par <a href='/journalistes/marie-curie'>Marie Curie</a> \
              <a href='/abonnement'>Lire la suite dans notre édition</a></p><p>Texte.</p></body></html>";
    assert_eq!(authors_of(fr), vec!["Marie Curie"]);
    let reviewed = "<html><body><h1>A plant-based diet</h1><div><span><a href='/x'>Medically reviewed</a> by \
                    <a href='/r/kim'>Kim Rose-Francis RDN, CDCES, LD</a></span> — <span>Written by \
                    <a href='/authors/jillian-kubala'>Jillian Kubala, MS, RD</a></span></div><p>Text.</p></body></html>";
    assert_eq!(authors_of(reviewed), vec!["Jillian Kubala, MS, RD"], "a reviewer's 'by' opens no byline");
    let not_a_name =
        "<html><body><h1>Notes</h1><p>By <a href='/x'>the river</a> we walked on and on for hours</p></body></html>";
    assert!(authors_of(not_a_name).is_empty());
}

#[test]
fn one_name_on_the_author_page_it_spells() {
    let page = "<html><body><h1>DIY smart home automation</h1><div class='x'><strong><a \
                href='https://home.example/blog/author/yucy/'>Yucy</a></strong></div><p>Text.</p></body></html>";
    assert_eq!(authors_of(page), vec!["Yucy"]);
    let other = "<html><body><h1>DIY smart home automation</h1><div class='x'><a href='/author/jane-roe/'>Jane</a>\
                 </div><p>Text.</p></body></html>";
    assert!(authors_of(other).is_empty(), "a word the slug does not spell");
}

#[test]
fn a_name_over_the_date_under_the_headline() {
    let two_lines =
        "<html><body><h1>Figma alternatives</h1><div><p>Elliot Raba</p><p>Created on Jul 11, 2025</p></div>\
                     <p>Text.</p></body></html>";
    assert_eq!(authors_of(two_lines), vec!["Elliot Raba"]);
    let one_line = "<html><body><h1>How AI is transforming healthcare</h1><p>Aaron Ricadela | Senior Writer | \
                    July 2, 2025</p><p>Text.</p></body></html>";
    assert_eq!(authors_of(one_line), vec!["Aaron Ricadela"]);
    let undated =
        "<html><body><h1>Figma alternatives</h1><p>Elliot Raba</p><p>Text about design tools.</p></body></html>";
    assert!(authors_of(undated).is_empty(), "a name needs the date under it");
    let section = "<html><body><h1>Figma alternatives</h1><p>Product Updates</p><p>July 2, 2025</p></body></html>";
    assert!(authors_of(section).is_empty(), "no given name");
}

#[test]
fn microdata_meta_authors() {
    let page = "<html><head><meta itemprop='author' content='Scott Davenport'></head><body><h1>5 Tips For Landscape \
                Composition</h1><p>Text.</p></body></html>";
    assert_eq!(authors_of(page), vec!["Scott Davenport"]);
    let de =
        "<html><head><meta itemprop='author' content='Lena Vogt, Jonas Brandt'></head><body><p>Text.</p></body></html>";
    assert_eq!(authors_of(de), vec!["Lena Vogt", "Jonas Brandt"]);
    let first =
        "<html><head><meta name='author' content='Ana López'><meta itemprop='author' content='Redacción'></head>\
                 <body><p>Texto.</p></body></html>";
    assert_eq!(authors_of(first), vec!["Ana López"], "`<meta name=author>` first");
}

#[test]
fn a_sentence_stating_the_publication_when_nothing_else_dates_the_page() {
    let url = "https://blog.example/a";
    let de = "<html><body><p>Text.</p><div class='post-footer'>Dieser Artikel wurde am 14. Dezember 2015 \
              um 14:48 von <a href='/author/heiner'>Heiner</a> geschrieben.</div></body></html>";
    assert_eq!(date_of(de, url).as_deref().map(|d| &d[..10]), Some("2015-12-14"));
    let de2 =
        "<html><body><p>Text.</p><p class='postmetadata'><small>Dieser Beitrag wurde am Samstag, 3. Dezember 2011 \
               veröffentlicht und unter <a href='/tag/x'>News</a> abgelegt.</small></p></body></html>";
    assert_eq!(date_of(de2, url).as_deref(), Some("2011-12-03"));
    let en = "<html><body><p>Text.</p><p>This entry was <b>posted on March 3, 2014</b> in News.</p></body></html>";
    assert_eq!(date_of(en, url).as_deref(), Some("2014-03-03"));
    let fr = "<html><body><p>Texte.</p><footer><p>Publié le 3 juin 2025 par Marie</p></footer></body></html>";
    assert_eq!(date_of(fr, url).as_deref(), Some("2025-06-03"));
    let comment = "<html><body><p>A long article text, long enough to be the page's content beside its comments, \
                   as articles are.</p><ol class='comment-list'><li><p>Reply posted on March 9, 2014</p></li></ol></body></html>";
    assert_eq!(date_of(comment, url), None, "a comment's date");
    let plain = "<html><body><p>Die Brücke wurde am 3. Mai 1990 eröffnet.</p></body></html>";
    assert_eq!(date_of(plain, url), None, "a date in running text states no publication");
}

#[test]
fn a_date_beside_a_byline_dates_the_page_when_nothing_else_does() {
    let url = "https://news.example/a";
    // Longer than the look around the headline.
    let body = "<p>A long article text, long enough to be the page's content, as articles are.</p>".repeat(60);
    let under = format!(
        "<html><body><h1>Forbes and the magazine</h1>{body}<h5>23.01.2019</h5><div>By Urs Gehriger</div></body></html>"
    );
    assert_eq!(date_of(&under, url).as_deref(), Some("2019-01-23"));
    let before = format!("<html><body><h1>Ein Titel</h1>{body}<p>Von Anna Berger</p><p>3. Mai 2021</p></body></html>");
    assert_eq!(date_of(&before, url).as_deref(), Some("2021-05-03"));
    let alone = format!("<html><body><h1>A title</h1>{body}<h5>23.01.2019</h5><div>Share this</div></body></html>");
    assert_eq!(date_of(&alone, url), None, "a date without a byline");
    let thread = format!(
        "<html><body><h1>A title</h1>{body}<ol class='comment-list'><li><span>23.01.2019</span><p>By Ann Lee</p></li></ol></body></html>"
    );
    assert_eq!(date_of(&thread, url), None, "a comment's date and name");
}

#[test]
fn a_threads_author_is_who_opened_it() {
    let read = |html: &str| {
        let doc = Document::from(html);
        let page = super::super::index::DomIndex::read(&doc.root());
        read_meta(&page, "https://forum.example/threads/x.1/").authors
    };
    let forum = r#"<html><head><script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Harter Boden",
        "author":{"@type":"Person","name":"gartenfee"}}</script></head><body><p>Hallo zusammen.</p></body></html>"#;
    assert_eq!(read(forum), ["gartenfee"]);
    let page = r#"<html><head><script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":
        "DiscussionForumPosting","author":{"@type":"Person","name":"Pippin06"}}}</script></head></html>"#;
    assert_eq!(read(page), ["Pippin06"], "the thread as its page's main entity; a handle may have digits");
    let qa = r#"<html><head><script type="application/ld+json">{"@type":"QAPage","mainEntity":{"@type":"Question",
        "name":"¿Cómo cambio la cadena?","author":{"@type":"Person","name":"ciclista22"},
        "acceptedAnswer":{"@type":"Answer","author":{"@type":"Person","name":"MecánicoPro"}}}}</script></head></html>"#;
    assert_eq!(read(qa), ["ciclista22"]);
    // An FAQ's questions are the site's own: nobody asked them.
    let faq = r#"<html><head><script type="application/ld+json">[{"@type":"FAQPage","name":"FAQ"},
        {"@type":"Question","name":"Livrez-vous en Belgique ?","author":{"@type":"Person","name":"Marie D."}}]</script></head></html>"#;
    assert!(read(faq).is_empty());
}

#[test]
fn a_bare_en_defers_to_the_locale_for_day_or_month_first() {
    let page = |lang: &str, locale: &str| {
        format!(
            "<html lang='{lang}'><head><meta property='og:locale' content='{locale}'></head><body>\
             <h1>Asia's best restaurants: the list</h1><p><a href='/a'>Rachael Hogg</a> - 12/03/2026</p>\
             <p>Body text.</p></body></html>"
        )
    };
    let url = "https://news.example/a";
    assert_eq!(date_of(&page("en", "en_GB"), url).as_deref(), Some("2026-03-12"));
    assert_eq!(date_of(&page("en", "en_US"), url).as_deref(), Some("2026-12-03"));
    assert_eq!(date_of(&page("en-US", "en_GB"), url).as_deref(), Some("2026-12-03"), "a region in lang wins");
    assert_eq!(date_of(&page("fr", "fr_FR"), url).as_deref(), Some("2026-03-12"));
}

#[test]
fn blog_trackback_rdf_in_a_comment_dates_the_post() {
    let url = "https://blog.example/e/5d8c31";
    let rdf = |title: &str| {
        format!(
            "<html><head><title>{title}</title></head><body><!--\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><rdf:Description rdf:about=\"{url}\" dc:title=\"{title}\" \
             dc:date=\"2020-07-03T17:16:22+09:00\" /></rdf:RDF>\n--><h1>{title}</h1><p>本文です。</p></body></html>"
        )
    };
    assert_eq!(date_of(&rdf("オオヤマレンゲ咲いてます"), url).as_deref(), Some("2020-07-03T17:16:22+09:00"));
    assert_eq!(date_of(&rdf("Spring walk"), url).as_deref(), Some("2020-07-03T17:16:22+09:00"));
    let loose = "<html><body><!-- build dc:date=\"2020-07-03\" --><h1>Ein Titel</h1><p>Text.</p></body></html>";
    assert_eq!(date_of(loose, url), None, "a comment without RDF is no metadata");
}

#[test]
fn an_updated_line_alone_dates_no_publication() {
    let url = "https://news.example/a";
    let en = "<html><body><h1>API documentation done right</h1><p><span>Last updated on:</span> <span>November 29, 2025</span></p>\
              <p><span>Published:</span> <span>October 29, 2024</span></p><p>Good docs matter.</p></body></html>";
    assert_eq!(date_of(en, url).as_deref(), Some("2024-10-29"));
    let de = "<html><body><div class='dateline'>Gesundheit 22.12.2022</div><div class='dateline'>Aktualisiert: 02.01.2026</div>\
              <h1>Zehn Vorteile der Meditation</h1><p>Text des Artikels.</p></body></html>";
    assert_eq!(date_of(de, url).as_deref(), Some("2022-12-22"));
    let fr =
        "<html><body><h1>Grève à la SNCF</h1><p class='date'>Mis à jour le 4 juin 2025</p><p>Publié le 3 juin 2025</p>\
              <p>Le trafic est perturbé.</p></body></html>";
    assert_eq!(date_of(fr, url).as_deref(), Some("2025-06-03"));
    // A revision's day alone dates no publication (en, de, fr, es).
    for line in [
        "Updated on 09/11/25",
        "Last updated: January 12, 2026",
        "Aktualisiert am 02.01.2026",
        "Mis à jour le 4 juin 2025",
    ] {
        let only = format!(
            "<html><body><h1>The best kettles</h1><div class='item-date'>{line}</div><p>Pour well.</p></body></html>"
        );
        assert_eq!(date_of(&only, url), None, "{line}");
    }
    let es = "<html><body><h1>Las mejores teteras</h1><p><span>Actualizado:</span> <time datetime='2025-06-04'>4 de junio de 2025</time></p>\
              <p>Texto.</p></body></html>";
    assert_eq!(date_of(es, url), None);
    let stated =
        "<html><body><h1>The best kettles</h1><div class='item-date'>Updated on 09/11/25</div><p>Pour well.</p>\
                  <p>This entry was posted on March 3, 2024.</p></body></html>";
    assert_eq!(date_of(stated, url).as_deref(), Some("2024-03-03"), "a stated publication still dates it");
    let original = format!(
        "<html><body><h1>Daily habits</h1><p>Last updated 12 Jan 2026</p>{}\
         <div class='history-date'>3 Sept 2024 | Originally published</div></body></html>",
        "<p>x</p>".repeat(210)
    );
    assert_eq!(date_of(&original, url).as_deref(), Some("2024-09-03"), "a labelled original, however far");
    let today = format!(
        "<html><body><div class='todays-date'>Saturday, March 14, 2026</div><ul>{}</ul><h1>Top states to retire</h1>\
         <p>Where to go.</p></body></html>",
        "<li><a href='/x'>Section</a></li>".repeat(25)
    );
    assert_eq!(date_of(&today, url), None, "the day the page was served");
}

#[test]
fn a_threads_date_is_its_first_posts() {
    let qa = r#"<html><body><h1>How do I back up my system?</h1>
        <div class="question"><time itemprop="dateCreated" datetime="2010-10-16T21:58:06">13 years ago</time><p>I want a backup.</p></div>
        <div class="answer"><div itemprop="datePublished" content="2010-10-17"></div><p>Use rsync.</p></div></body></html>"#;
    assert_eq!(
        date_of(qa, "https://askubuntu.example/questions/7809/how-to-back-up").as_deref(),
        Some("2010-10-16T21:58:06")
    );
    let replies = format!(
        r#"<html><body><h1>Photography tips</h1><p>Start date <time datetime="2016-03-08T10:00:00-0700">Mar 8, 2016</time></p>
        <p>Which lens first?</p>{}<div class="share"><time itemprop="datePublished" datetime="2016-03-24T07:47:16-0700">Mar 24, 2016</time></div>
        <p>A 50 mm.</p></body></html>"#,
        "<p>x</p>".repeat(30)
    );
    assert_eq!(
        date_of(&replies, "https://forum.example/threads/photography-tips.155405/").as_deref(),
        Some("2016-03-08T10:00:00-07:00"),
        "a reply's microdata in chrome dates the reply"
    );
}

#[test]
fn a_utc_value_restated_in_the_pages_zone_gives_the_local_day() {
    let url = "https://news.example/a";
    let ld = |published: &str, body: &str| {
        format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\"datePublished\":\"{published}\"}}</script>\
             </head><body><h1>Polizei ermittelt nach Messerangriff</h1>{body}</body></html>"
        )
    };
    let local = "<time itemprop='datePublished' datetime='2023-11-08T21:11:03-05:00'>8. November 2023</time>";
    assert_eq!(date_of(&ld("2023-11-09T02:11:03+00:00", local), url).as_deref(), Some("2023-11-08T21:11:03-05:00"));
    assert_eq!(date_of(&ld("2023-11-09T02:11:03Z", local), url).as_deref(), Some("2023-11-08T21:11:03-05:00"));
    // Another instant is another event (a teaser, an update): the UTC value stays.
    let other = "<time class='published' datetime='2023-11-08T18:00:00-05:00'>8 nov. 2023</time>";
    assert_eq!(date_of(&ld("2023-11-09T02:11:03Z", other), url).as_deref(), Some("2023-11-09T02:11:03Z"));
    // A value in a local zone is kept as declared.
    assert_eq!(date_of(&ld("2023-11-09T08:11:03+06:00", local), url).as_deref(), Some("2023-11-09T08:11:03+06:00"));
    let meta = "<html><head><meta property='article:published_time' content='2024-01-12T00:30:00Z'></head><body>\
                <h1>Voluntariado en Raleigh</h1><p>Publicado el \
                <time datetime='2024-01-11T19:30:00-05:00'>11 de enero de 2024</time></p></body></html>";
    assert_eq!(date_of(meta, url).as_deref(), Some("2024-01-11T19:30:00-05:00"));
}

#[test]
fn a_utc_value_gives_the_local_day_its_publication_element_prints() {
    let url = "https://news.example/a";
    let page = |published: &str, body: &str| {
        format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\"datePublished\":\"{published}\"}}</script>\
             </head><body><h1>Arrest made after a fire downtown</h1>{body}</body></html>"
        )
    };
    // The publication element prints the local day alone (it, fr).
    let printed = |day: &str| format!("<p itemprop='datePublished' class='data'>{day}</p><p>Testo.</p>");
    assert_eq!(date_of(&page("2020-12-05T23:15:0Z", &printed("06 Dicembre 2020")), url).as_deref(), Some("2020-12-06"));
    assert_eq!(date_of(&page("2020-12-06T03:15:00Z", &printed("5 décembre 2020")), url).as_deref(), Some("2020-12-05"));
    // A `<time>` states its instant in `datetime`: its printed day is a rendering.
    let time = "<time itemprop='datePublished' datetime='2020-12-05T23:15:00Z'>6. Dezember 2020</time>";
    assert_eq!(date_of(&page("2020-12-05T23:15:00Z", time), url).as_deref(), Some("2020-12-05T23:15:00Z"));
    // A day no zone reaches is another event.
    assert_eq!(
        date_of(&page("2020-12-05T08:15:00Z", &printed("06 Dicembre 2020")), url).as_deref(),
        Some("2020-12-05T08:15:00Z")
    );
}

fn authors_at(html: &str, url: &str) -> Vec<String> {
    let doc = Document::from(html);
    let page = super::super::index::DomIndex::read(&doc.root());
    read_meta(&page, url).authors
}

#[test]
fn a_personal_site_named_after_its_author_keeps_the_author() {
    let page = |site: &str, author: &str| {
        format!(
            "<html><head><meta property='og:site_name' content='{site}'><meta name='author' content='{author}'>\
             </head><body><h1>Notes</h1><p>Text.</p></body></html>"
        )
    };
    let url = "https://blog.example/a";
    assert_eq!(authors_at(&page("Tim Shields", "Tim Shields"), url), vec!["Tim Shields"]);
    assert_eq!(authors_at(&page("Dieter Vogt", "Dieter Vogt"), url), vec!["Dieter Vogt"]);
    assert_eq!(authors_at(&page("Renée Dupont", "Renée Dupont"), url), vec!["Renée Dupont"], "accents folded");
    assert_eq!(authors_at(&page("José Ruiz", "José Ruiz"), url), vec!["José Ruiz"]);
    for org in ["Cleveland Clinic", "La Información", "Texas Mattress Makers", "Gorilla Mats", "Swoogo"] {
        assert!(authors_at(&page(org, org), url).is_empty(), "{org}");
    }
    assert!(authors_at(&page("Le Monde", "Le Monde"), url).is_empty(), "a stopword is no given name");
}

#[test]
fn a_written_by_twitter_card_names_the_author_last() {
    let card = |label: &str, data: &str| {
        format!(
            "<html><head><meta name='twitter:label1' content='{label}'><meta name='twitter:data1' content='{data}'>\
             </head><body><h1>Notes</h1><p>Text.</p></body></html>"
        )
    };
    let url = "https://news.example/a";
    assert_eq!(authors_at(&card("Written by", "Cody Jensen"), url), vec!["Cody Jensen"]);
    assert_eq!(authors_at(&card("Geschrieben von", "Lena Vogt"), url), vec!["Lena Vogt"]);
    assert_eq!(authors_at(&card("Escrito por", "Ana López"), url), vec!["Ana López"]);
    assert_eq!(authors_at(&card("Written by", "Kev"), url), vec!["Kev"]);
    assert!(authors_at(&card("Written by", "iiestaff"), url).is_empty(), "a login, not a byline");
    assert!(authors_at(&card("Est. reading time", "5 minutes"), url).is_empty());
    assert!(authors_at(&card("Written by", "Josh Centers"), "https://forum.example/thread/soil/").is_empty());
}

#[test]
fn dublin_core_author_names_match_without_case() {
    let page = "<html><head><meta name='DC.Creator' content='Tsun-Ju Lin'></head><body><p>Text.</p></body></html>";
    assert_eq!(authors_of(page), vec!["Tsun-Ju Lin"]);
}

#[test]
fn a_byline_in_the_headlines_own_header() {
    let en = "<html><body><header><h1>The best laptops under $500</h1><div><p>By <a href='/people/kimber'>Kimber \
              Streams</a></p></div></header><p>Text.</p></body></html>";
    assert_eq!(authors_of(en), vec!["Kimber Streams"]);
    let fr = "<html><body><article><header><h1>Grève à la SNCF</h1><p>Par Marie Curie</p></header><p>Texte.</p>\
              </article></body></html>";
    assert_eq!(authors_of(fr), vec!["Marie Curie"]);
    let other = "<html><body><header><nav><p>By Site Owner</p></nav></header><h1>Notes</h1><p>Text.</p></body></html>";
    assert!(authors_of(other).is_empty(), "another header's line");
}

#[test]
fn an_opener_before_an_author_page_link_anywhere() {
    let filler: String = (0..60).map(|i| format!("<p>Paragraph {i} of the article.</p>")).collect();
    let en = format!(
        "<html><body><h1>Cheap cameras</h1>{filler}<div>By: <a href='/author/ray/'>Ray Ansari</a></div></body></html>"
    );
    assert_eq!(authors_of(&en), vec!["Ray Ansari"]);
    let de = format!(
        "<html><body><h1>Streik</h1>{filler}<footer><p>Geschrieben von <a href='/autor/lena-vogt'>Lena Vogt</a>\
         </p></footer></body></html>"
    );
    assert_eq!(authors_of(&de), vec!["Lena Vogt"]);
    let teaser = format!(
        "<html><body><h1>Cheap cameras</h1>{filler}<div><a href='/author/ray/'>View all posts by Ray Ansari</a>\
         </div></body></html>"
    );
    assert!(authors_of(&teaser).is_empty(), "a link's own text is no opener");
}

#[test]
fn an_author_boxs_name_element_when_nothing_else_names_one() {
    // Far below the headline, where no byline is looked for.
    let filler: String = (0..250).map(|i| format!("<p>Paragraph {i} of the article.</p>")).collect();
    let en = format!(
        "<html><body><h1>Consulting</h1>{filler}<div class='elementor-author-box'><h4 \
         class='elementor-author-box__name'>Liz Kenny</h4><p>Liz is a consultant.</p></div></body></html>"
    );
    assert_eq!(authors_of(&en), vec!["Liz Kenny"]);
    let es = format!(
        "<html><body><h1>Consultoría</h1>{filler}<div class='author-info-box'><div class='author-name'>Ana López \
         (Editora)</div></div></body></html>"
    );
    assert_eq!(authors_of(&es), vec!["Ana López"]);
    let teasers = format!(
        "<html><body><h1>Services</h1>{filler}<div class='grid'><div class='author'><span class='author_name'>By: \
         Safa Amjad</span> | <span>April 1, 2025</span></div></div></body></html>"
    );
    assert!(authors_of(&teasers).is_empty(), "a teaser's dated line");
    let comment =
        format!("<html><body><h1>Notes</h1>{filler}<div class='comment-author-name'>Ann Lee</div></body></html>");
    assert!(authors_of(&comment).is_empty());
}

#[test]
fn a_byline_label_alone_before_the_element_naming_the_author() {
    let filler: String = (0..250).map(|i| format!("<p>Paragraph {i} of the article.</p>")).collect();
    let en = format!(
        "<html><body><h1>Proofs as types</h1>{filler}<section><h2>Article by</h2><div>Matias Heikkilä</div>\
         <button>Share</button></section></body></html>"
    );
    assert_eq!(authors_of(&en), vec!["Matias Heikkilä"]);
    let heading =
        format!("<html><body><h1>AI in care</h1>{filler}<div><h3>Author</h3><p> Lisa D. Ellis</p></div></body></html>");
    assert_eq!(authors_of(&heading), vec!["Lisa D. Ellis"]);
    let de = format!(
        "<html><body><h1>Streik</h1>{filler}<div><span>Geschrieben von</span><b>Lena Vogt</b></div></body></html>"
    );
    assert_eq!(authors_of(&de), vec!["Lena Vogt"]);
    let linked = format!(
        "<html><body><h1>LLCs</h1>{filler}<div><span>by </span><p><a href='/articles/authors/ann-lee'>Ann Lee</a>\
         </p></div></body></html>"
    );
    assert_eq!(authors_of(&linked), vec!["Ann Lee"]);
    let brand = format!(
        "<html><body><h1>Chargers</h1>{filler}<div><div>by </div><a href='/brands/wireless-gear'>Wireless Gear</a>\
         </div></body></html>"
    );
    assert!(authors_of(&brand).is_empty(), "a bare 'by' before a brand");
    let product = format!(
        "<html><body><h1>A book</h1>{filler}<table><tr><td>Author</td><td>Ann Lee</td></tr></table></body></html>"
    );
    assert!(authors_of(&product).is_empty(), "a product table's row");
}

#[test]
fn a_blank_text_between_an_opener_and_the_author_link() {
    let filler: String = (0..60).map(|i| format!("<p>Paragraph {i} of the article.</p>")).collect();
    let en = format!(
        "<html><body><h1>Apps</h1>{filler}<div><p>Written by<!-- --> <a href='/blog/author/moses-kim'>Moses Kim \
         and Kate Shokurova</a></p></div></body></html>"
    );
    assert_eq!(authors_of(&en), vec!["Moses Kim", "Kate Shokurova"]);
}

#[test]
fn post_nominals_stay_with_the_name() {
    let html = "<html><head><meta name='author' content='Jillian Kubala, MS, RD'></head><body><h1>Plants</h1>\
                </body></html>";
    assert_eq!(authors_of(html), vec!["Jillian Kubala, MS, RD"]);
    let html = "<html><head><meta name='author' content='Ann Lee, Bob Stone'></head><body><h1>Plants</h1>\
                </body></html>";
    assert_eq!(authors_of(html), vec!["Ann Lee", "Bob Stone"]);
}

#[test]
fn a_publication_equal_to_the_modification_yields_to_an_earlier_printed_date() {
    let url = "https://news.example/a";
    let page = |modified: &str, date: &str| {
        format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"BlogPosting\",\
             \"datePublished\":\"2025-11-20T16:02:46Z\",\"dateModified\":\"{modified}\"}}</script></head><body>\
             <h1>Short video production</h1><div class='author'><div class='author-name'>Liza Burke</div>{date}</div>\
             <p>Short videos work.</p></body></html>"
        )
    };
    let classed = "<div class='blogpost-date'>May 14, 2025</div>";
    assert_eq!(date_of(&page("2025-11-20T16:02:46Z", classed), url).as_deref(), Some("2025-05-14"));
    // A distinct modification leaves the publication as declared.
    assert_eq!(date_of(&page("2025-12-01T10:00:00Z", classed), url).as_deref(), Some("2025-11-20T16:02:46Z"));
    // A bare <time> may be an embedded post's; an "Updated" line is no publication.
    let bare = "<time datetime='2025-05-14'>May 14, 2025</time>";
    assert_eq!(date_of(&page("2025-11-20T16:02:46Z", bare), url).as_deref(), Some("2025-11-20T16:02:46Z"));
    let updated = "<div class='post-date'>Updated May 14, 2025</div>";
    assert_eq!(date_of(&page("2025-11-20T16:02:46Z", updated), url).as_deref(), Some("2025-11-20T16:02:46Z"));
}

#[test]
fn an_author_bio_after_the_article_names_the_author() {
    let body = "<p>Lots of text about planting squash and beans in spring.</p>".repeat(8);
    let heading = format!(
        "<html><body><h1>Squash</h1>{body}<div><h3>Alban Brooke</h3><p>Alban Brooke is the head of marketing \
         at a podcast host.</p></div></body></html>"
    );
    assert_eq!(authors_of(&heading), vec!["Alban Brooke"]);
    let labelled = format!(
        "<html><body><h1>Vinos</h1>{body}<h2>Sobre el autor</h2><p>Ana López es una periodista que escribe \
         sobre vinos.</p></body></html>"
    );
    assert_eq!(authors_of(&labelled), vec!["Ana López"]);
    let pictured = format!(
        "<html><body><h1>Hotels</h1>{body}<p><img src='j.jpg' alt='Julia Gralberg'></p><p>Julia Gralberg is a \
         freelance travel writer.</p></body></html>"
    );
    assert_eq!(authors_of(&pictured), vec!["Julia Gralberg"]);
    // An article about someone: the sentence alone names no author.
    let about = format!(
        "<html><body><h1>Profiles</h1>{body}<p>Marie Curie is the only person with two Nobel prizes in \
         two sciences.</p></body></html>"
    );
    assert!(authors_of(&about).is_empty());
    let product = format!(
        "<html><body><h1>Bags</h1>{body}<h3>Deluxe Travel Bag</h3><p>Deluxe Travel Bag is a roomy bag for \
         toiletries.</p></body></html>"
    );
    assert!(authors_of(&product).is_empty(), "a product's description");
    let blend = format!(
        "<html><body><h1>Oils</h1>{body}<h3>Temple Smoke</h3><p>Temple Smoke is a mystical blend inspired by \
         oud incense.</p></body></html>"
    );
    assert!(authors_of(&blend).is_empty(), "a product named like a person, no job in its sentence");
}

#[test]
fn a_written_by_label_then_the_name_in_an_author_card() {
    let card = "<html><body><h1>Diets</h1><p>Text.</p><section><h2>Article written by:</h2><div><div>\
                <img src='d.webp' alt='Headshot'><div><h3>Doris Munoz-Mantilla, MD, FOMA</h3></div></div></div>\
                </section></body></html>";
    assert_eq!(authors_of(card), vec!["Doris Munoz-Mantilla, MD, FOMA"]);
    let first_name = "<html><body><h1>Quizzes</h1><div><span>Written by</span><div><span>Eliz</span> \
                      <span>- Product marketer</span></div></div><p>Text.</p></body></html>";
    assert_eq!(authors_of(first_name), vec!["Eliz"]);
    let bare = "<html><body><h1>Shoes</h1><div><span>by</span><div><span>Birkenstock</span></div></div></body></html>";
    assert!(authors_of(bare).is_empty(), "a bare 'by' names a brand");
    let share = "<html><body><h1>Quizzes</h1><div><span>Written by</span><div><span>Email</span>\
                 <span>Share</span></div></div><p>Text.</p></body></html>";
    assert!(authors_of(share).is_empty(), "a share button's label after the byline label");
}

#[test]
fn a_date_beside_a_byline_label_and_its_name() {
    let url = "https://news.example/a";
    let body = "<p>A long article text, long enough to be the page's content, as articles are.</p>".repeat(60);
    for (byline, date, day) in [
        ("Written by<!-- --> <a href='/blog/author/ann-lee'>Ann Lee and Bob Stone</a>", "April 8, 2024", "2024-04-08"),
        ("Geschrieben von <a href='/autor/lena-vogt'>Lena Vogt</a>", "3. Mai 2021", "2021-05-03"),
        ("Écrit par <a href='/auteur/marie-curie'>Marie Curie</a>", "5 juin 2020", "2020-06-05"),
    ] {
        let page = format!("<html><body><h1>A title</h1>{body}<div><p>{byline}</p><p>{date}</p></div></body></html>");
        assert_eq!(date_of(&page, url).as_deref(), Some(day), "{byline}");
    }
    let label_alone = format!("<html><body><h1>A title</h1>{body}<p>Written by</p><p>April 8, 2024</p></body></html>");
    assert_eq!(date_of(&label_alone, url), None, "a label without a name");
}

#[test]
fn an_h2_the_title_names_anchors_the_date_when_no_h1_does() {
    let url = "https://news.example/a";
    let teasers = "<ul><li><a href='/b'>Another story</a> <span class='date'>09/09/2019</span></li></ul>";
    for (title, heading, date, day) in [
        (
            "Un braconnier interpellé et condamné ‹ Projet Wara",
            "Un braconnier interpellé et condamné",
            "27 Sep 2016",
            "2016-09-27",
        ),
        (
            "Megablaze brought under control | Star News",
            "Megablaze brought under control",
            "13 Jan 2020, 22:11",
            "2020-01-13T22:11",
        ),
    ] {
        let page = format!(
            "<html><head><title>{title}</title></head><body><header><span class='date'>Tue, 14 Jan 2021</span></header>\
             <div class='post'><h2>{heading}</h2><div class='detail'>{date}</div><p>{}</p></div>\
             <aside>{teasers}</aside></body></html>",
            "Text of the story, long enough to read as one. ".repeat(20)
        );
        assert_eq!(date_of(&page, url).as_deref(), Some(day), "{heading}");
    }
}

#[test]
fn the_byline_under_the_headline_over_metadata_naming_someone_unprinted() {
    let page = |meta: &str, byline: &str, footer: &str| {
        format!(
            "<html><head><meta name='author' content='{meta}'></head><body><h1>A headline</h1>\
             <p class='byline'>{byline}</p><p>{}</p><footer>{footer}</footer></body></html>",
            "Text of the story. ".repeat(30)
        )
    };
    assert_eq!(authors_of(&page("Josh Katz", "By Charles Patterson", "")), ["Charles Patterson"]);
    assert_eq!(authors_of(&page("KatieS", "Par Marie Curie", "")), ["Marie Curie"]);
    assert_eq!(authors_of(&page("Luke Daigle", "Von Lena Vogt", "")), ["Lena Vogt"]);
    assert_eq!(authors_of(&page("Josh Katz", "By Charles Patterson", "Edited by Josh Katz")), ["Josh Katz"], "printed");
    assert_eq!(
        authors_of(&page("Zoé Ménard", "Par Marie Curie", "Édité par ZOÉ MÉNARD")),
        ["Zoé Ménard"],
        "in capitals"
    );
    assert_eq!(authors_of(&page("Σοφία Σάββας", "By Ann Lee", "ΣΟΦΊΑ ΣΆΒΒΑΣ")), ["Σοφία Σάββας"], "a final sigma");
    assert_eq!(authors_of(&page("Kiersten", "By Kiersten Hickman", "")), ["Kiersten"], "the same person");
    assert_eq!(authors_of(&page("Ann Lee", "By Thomson Reuters Tax", "")), ["Ann Lee"], "no person shown");
}

#[test]
fn written_by_anywhere_as_the_last_resort() {
    // Farther from the headline than the byline's look.
    let body = "<p>Text of the story, long enough to read as one.</p>".repeat(60);
    let page = |tail: &str| format!("<html><body><h1>A headline</h1>{body}{tail}</body></html>");
    assert_eq!(authors_of(&page("<p>Written by <a href='https://x.example/p'>Ann Lee</a></p>")), ["Ann Lee"]);
    assert_eq!(authors_of(&page("<p>Escrito por <a href='https://x.example/p'>Ana López</a></p>")), ["Ana López"]);
    assert_eq!(authors_of(&page("<p>Geschrieben von Lena Vogt</p>")), ["Lena Vogt"]);
    let review =
        "<article class='review-item'><div class='review-meta'>Written by Faith Cox on Jul 5th 2022</div></article>";
    assert!(authors_of(&page(review)).is_empty(), "a product review's writer");
}

#[test]
fn an_author_description_is_no_byline() {
    let page = "<html><body><h1>A headline</h1><p class='byline'>By Asser Christensen</p>\
                <div class='dynamic-author-description'>Licensed Q Arabica Grader, M.A. Journalism</div></body></html>";
    assert_eq!(authors_of(page), ["Asser Christensen"]);
    let page = "<html><body><h1>A headline</h1><p>Text.</p>\
                <div class='dynamic-author-description'>Licensed Q Arabica Grader, M.A. Journalism</div></body></html>";
    assert!(authors_of(page).is_empty());
}

#[test]
fn a_dated_page_on_a_site_its_owner_names_has_the_owner_as_author() {
    let page = |date: &str, body: &str| {
        format!(
            "<html><head>{date}</head><body><h1>Notes on a small thing</h1>\
             <p>Text of the post, long enough to read as one.</p><footer>{body}</footer></body></html>"
        )
    };
    let dated = "<meta property='article:published_time' content='2025-11-30'>";
    let at = |html: &str, host: &str| authors_at(html, &format!("https://{host}/blog/a"));
    assert_eq!(at(&page(dated, "© 2025 Toby Hede. All rights reserved."), "tobyhede.example"), ["Toby Hede"]);
    assert_eq!(at(&page(dated, "© 2024 Lena Vogt · Alle Rechte vorbehalten"), "www.lenavogt.example"), ["Lena Vogt"]);
    assert_eq!(at(&page(dated, "Marie Curie — Tous droits réservés"), "mariecurie.example"), ["Marie Curie"]);
    assert_eq!(at(&page(dated, "© José Ruiz, 2023"), "joseruiz.example"), ["José Ruiz"], "accents folded");
    assert!(at(&page("", "© 2025 Toby Hede."), "tobyhede.example").is_empty(), "a shop named after its founder");
    assert!(at(&page(dated, "© 2025 Toby Hede."), "notesblog.example").is_empty(), "the host spells another name");
    assert!(at(&page(dated, "© 2025 Acme Labs."), "acmelabs.example").is_empty(), "no person");
}

#[test]
fn a_site_declared_under_a_persons_name_has_its_owner_as_author() {
    let page = |head: &str, header: &str| {
        format!(
            "<html><head><meta property='article:published_time' content='2025-12-19'>{head}</head>\
             <body><header><h1>{header}</h1></header><h2>Notes on a small thing</h2>\
             <p>Text of the post, long enough to read as one.</p></body></html>"
        )
    };
    let feed = |t: &str| format!("<link rel='alternate' type='application/rss+xml' title='{t}' href='/rss.xml'>");
    let og = |t: &str| format!("<meta property='og:site_name' content='{t}'>");
    let at = |html: &str| authors_at(html, "https://cassidoo.example/post/a");
    assert_eq!(at(&page(&feed("Cassidy Williams"), "Cassidy Williams")), ["Cassidy Williams"]);
    assert_eq!(at(&page(&feed("Lena Vogt » Feed"), "Lena Vogt")), ["Lena Vogt"], "the feed's own word cut");
    assert_eq!(at(&page(&og("Marie Curie"), "Marie Curie")), ["Marie Curie"]);
    assert_eq!(at(&page(&og("José Ruiz"), "José Ruiz")), ["José Ruiz"]);
    assert!(at(&page(&og("Cleveland Clinic"), "Cleveland Clinic")).is_empty(), "no person");
    assert!(at(&page(&feed("Cassidy Williams"), "Notes")).is_empty(), "the name printed nowhere alone");
    let undated = page(&feed("Cassidy Williams"), "Cassidy Williams").replace("article:published_time", "x");
    assert!(at(&undated).is_empty(), "a shop named after its founder dates nothing");
}

#[test]
fn a_story_on_a_site_named_with_two_rare_words_has_its_owner_as_author() {
    // "Owain" is on no given-name list; the site is still its owner's when the
    // page is a story (og:type article, below the home page) in English and
    // neither word of the name is a common word (brands are made of those).
    let page = |lang: &str, kind: &str, site: &str| {
        format!(
            "<html lang='{lang}'><head><meta property='og:type' content='{kind}'>\
             <meta property='og:site_name' content='{site}'>\
             <meta property='article:published_time' content='2025-12-15'></head>\
             <body><header><a href='/'><h1>{site}</h1></a></header><h1>Turning a box into a server</h1>\
             <p>Text of the post, long enough to read as one.</p></body></html>"
        )
    };
    let story = "https://owain.example/turning-a-box-into-a-server";
    assert_eq!(authors_at(&page("en", "article", "Owain Brennan"), story), ["Owain Brennan"]);
    assert_eq!(authors_at(&page("en-GB", "article", "Siân Pryce"), story), ["Siân Pryce"]);
    assert!(authors_at(&page("en", "article", "Bread Dad"), story).is_empty(), "common words: a brand");
    assert!(authors_at(&page("en", "article", "Arc Intermedia"), story).is_empty(), "one common word");
    assert!(authors_at(&page("en", "website", "Owain Brennan"), story).is_empty(), "no story");
    assert!(authors_at(&page("en", "article", "Owain Brennan"), "https://owain.example/").is_empty(), "home page");
    assert!(authors_at(&page("fr", "article", "République Togolaise"), story).is_empty(), "not English");
    assert!(authors_at(&page("de", "article", "Owain Brennan"), story).is_empty(), "the word list is English");
}

#[test]
fn an_undated_page_crediting_the_owner_the_host_spells_has_the_owner_as_author() {
    let page = |credit: &str| {
        format!(
            "<html><body><h1><a href='../'>Toby Hede</a>'s notes</h1><h1>Folding paper</h1>\
             <p>Text of the page, long enough to read as one.</p><div><i>{credit}</i></div></body></html>"
        )
    };
    let at = |html: &str| authors_at(html, "https://tobyhede.example/fold");
    assert_eq!(at(&page("Last updated March 3, 2025 by <a href='/'>Toby Hede</a>.")), ["Toby Hede"]);
    assert_eq!(at(&page("Zuletzt geändert von Toby Hede")), ["Toby Hede"]);
    assert_eq!(at(&page("Mise à jour le 3 mars 2025 par <b>Toby Hede</b>")), ["Toby Hede"]);
    assert!(at(&page("More notes from Toby Hede")).is_empty(), "no credit");
    assert_eq!(at(&page("Photos by Toby Hede")), ["Toby Hede"]);
    assert!(at(&page("Last updated March 3, 2025 by <a href='/'>Ann Lee</a>.")).is_empty(), "another person");
}

#[test]
fn a_group_credited_in_metadata_yields_to_the_person_shown_by_the_date() {
    let page = |meta: &str, line: &str| {
        format!(
            "<html><head><meta name='author' content='{meta}'><title>Podcast gear for beginners</title></head>\
             <body><h1>Podcast gear for beginners</h1><div><div><span>{line}</span></div>\
             <div><time datetime='2026-03-05'>March 5, 2026</time></div></div><p>Text.</p></body></html>"
        )
    };
    assert_eq!(authors_of(&page("Acme Team", "Stefan")), ["Stefan"]);
    assert_eq!(authors_of(&page("Acme Redaktion", "Lena Vogt")), ["Lena Vogt"]);
    assert_eq!(authors_of(&page("Équipe Acme Staff", "Marie")), ["Marie"]);
    assert_eq!(authors_of(&page("Acme Team", "Podcasts")), ["Acme Team"], "no given name");
    assert_eq!(authors_of(&page("Ann Lee", "Stefan")), ["Ann Lee"], "a person's credit stays");
}

#[test]
fn a_specific_og_type_over_the_generic_website() {
    let og = |types: &[&str]| {
        let metas: String = types.iter().map(|t| format!("<meta property='og:type' content='{t}'>")).collect();
        let doc = Document::from(format!("<html><head>{metas}</head><body><h1>Kettle</h1></body></html>").as_str());
        let page = super::super::index::DomIndex::read(&doc.root());
        read_meta(&page, "https://shop.example/p/kettle").og_type
    };
    assert_eq!(og(&["website", "product"]).as_deref(), Some("product"));
    assert_eq!(og(&["article", "website"]).as_deref(), Some("article"));
    assert_eq!(og(&["website"]).as_deref(), Some("website"));
    assert_eq!(og(&[]), None);
}

#[test]
fn an_author_card_anywhere_names_the_author() {
    let body = "<p>Lots of text about audio plugins, synthesizers and the games that use them.</p>".repeat(30);
    let page = |card: &str| format!("<html><body><h1>Audio</h1>{body}{card}<p>Related posts.</p></body></html>");
    // A bio calling the author by a first name the given-name list lacks.
    let en = "<div class='blog-author-box'><img src='b.jpg' alt=''><div><h4>Bence Kovács</h4><p>Bence is a \
              software developer specializing in audio and game development, from plugins to virtual reality \
              experiences.</p></div></div>";
    assert_eq!(authors_of(&page(en)), vec!["Bence Kovács"]);
    let fr = "<div class='auteur-bio'><strong>Marie Dubois :</strong><p>Journaliste indépendante, elle écrit sur \
              la musique électronique et les instruments anciens depuis quinze ans pour plusieurs revues.</p></div>";
    assert_eq!(authors_of(&page(fr)), vec!["Marie Dubois"]);
    let de = "<div class='autor-box'><h3>Lena Vogt</h3><p>Redakteurin für Technik und Musik, schreibt seit \
              zehn Jahren über Klangerzeuger, Studios und die Menschen, die darin arbeiten.</p></div>";
    assert_eq!(authors_of(&page(de)), vec!["Lena Vogt"]);
    // The description's class declares it; its parent is the card.
    let es = "<div><p>Xabier Etxeberria</p><div class='autor-descripcion'>Catador de café, máster en \
              periodismo</div></div>";
    assert_eq!(authors_of(&page(es)), vec!["Xabier Etxeberria"]);
    // Testimonials and teasers: a list of cards, a name over a date.
    let quotes = "<div class='tm-author-box'><div class='name'>Casey Marez</div><div class='company'>Founder and \
                  CEO, Juris Digital</div></div><div class='tm-author-box'><div class='name'>Colan Nielsen</div>\
                  <div class='company'>VP of Local Search, Sterling Sky</div></div>";
    assert!(authors_of(&page(quotes)).is_empty(), "a list of cards");
    let teaser = "<div class='author-info-box-wrap'><div class='x'>Ann Lee</div><div class='y'>March 5, 2026</div>\
                  <div class='z'>11.6K views</div></div>";
    assert!(authors_of(&page(teaser)).is_empty(), "a teaser's name and date describe no one");
    let heading = "<div class='about-author-box'><h3>About The Author</h3><p>Writer and editor covering audio \
                   gear for a decade, from tape machines to plugins and everything in between.</p></div>";
    assert!(authors_of(&page(heading)).is_empty(), "a heading is no name");
}

#[test]
fn a_byline_elements_lines_are_read_apart() {
    let page = |byline: &str| format!("<html><body><h1>Cayenne</h1>{byline}<p>Text.</p></body></html>");
    let en = "<div class='resource-author'><p>Luke Kim</p><small>December 17, 2025</small></div>";
    assert_eq!(authors_of(&page(en)), vec!["Luke Kim"], "not 'Luke KimDecember 17'");
    let fr = "<div class='auteur'><div>Marie Dubois</div><div>3 décembre 2025</div></div>";
    assert_eq!(authors_of(&page(fr)), vec!["Marie Dubois"]);
    let de = "<div class='autor'><div>Lena Vogt</div><div>3. Dezember 2025</div></div>";
    assert_eq!(authors_of(&page(de)), vec!["Lena Vogt"]);
    let es = "<div class='autor'><div>Ana López</div><div>3 de diciembre de 2025</div></div>";
    assert_eq!(authors_of(&page(es)), vec!["Ana López"]);
    let spaced = "<div class='author-line'>Written By:<span> </span><a href='/author/ann-lee'>Ann Lee</a></div>";
    assert_eq!(authors_of(&page(spaced)), vec!["Ann Lee"], "the space between two texts stays");
    // A forum member's card: the name over post counts and badges.
    for stats in ["<div>1,109 posts</div><div>Joined 2022</div>", "<div>50911 gold badges</div>"] {
        let card = format!("<div class='post-author'><div>Tom Hale</div>{stats}</div>");
        assert!(authors_of(&page(&card)).is_empty(), "{stats}");
    }
}

// ------------------------------------------------------------ dates (round 39)

/// Paragraphs enough to put what follows over 400 entries past the headline.
fn long_body() -> String {
    (0..260).map(|i| format!("<p>Paragraph {i} of the story.</p>")).collect()
}

#[test]
fn a_list_of_dated_teasers_far_from_the_headline_dates_no_page() {
    let url = "https://news.example/a";
    let page = |aside: &str| {
        format!(
            "<html><body><h1>Un braconnier interpellé</h1>{}<aside class='sidebar'>{aside}</aside></body></html>",
            long_body()
        )
    };
    let teasers = "<ul><li><a href='/b'>Opération à Conakry</a> <span class='post-date'>09/09/2019</span></li>\
                   <li><a href='/c'>Un trafiquant condamné</a> <span class='post-date'>05/07/2019</span></li>\
                   <li><a href='/d'>Saisie d'ivoire</a> <span class='post-date'>20/06/2019</span></li></ul>";
    assert_eq!(date_of(&page(teasers), url), None, "a sidebar's teaser dates");
    // Comments' times far down the page, in English.
    let comments = "<div class='comment-list'><div><b>Ann</b> <time datetime='2022-07-11T18:56:58+00:00'>July 11, \
                    2022</time></div><div><b>Bo</b> <time datetime='2022-06-18T11:10:38+00:00'>June 18, 2022</time>\
                    </div></div>";
    assert_eq!(date_of(&page(comments), url), None, "one of a list of look-alike times");
    // One date element alone there still dates the page, and so does a list item declaring the publication.
    let alone = "<span class='post-date'>09/09/2019</span>";
    assert_eq!(date_of(&page(alone), url).as_deref(), Some("2019-09-09"));
    let posted = "<span class='post-date'>Posted on 09/09/2019</span><span class='post-date'>Tags: ivory</span>";
    assert_eq!(date_of(&page(posted), url).as_deref(), Some("2019-09-09"));
}

#[test]
fn a_wrapper_restating_todays_date_dates_no_page() {
    let url = "https://news.example/a";
    let page = |id: &str| {
        format!(
            "<html><body><h1>Top states to retire</h1>{}<div class='header-date'><p id='{id}'><strong>Saturday\
             </strong>, March 14, 2026</p></div></body></html>",
            long_body()
        )
    };
    assert_eq!(date_of(&page("todays-date-custom"), url), None, "the day the page was served");
    assert_eq!(date_of(&page("edition"), url).as_deref(), Some("2026-03-14"));
}

#[test]
fn a_declared_publication_far_down_beats_a_last_save_in_both_fields() {
    let url = "https://news.example/a";
    let page = |printed: &str| {
        format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"Article\",\
             \"datePublished\":\"2025-11-29T12:28:31-05:00\",\"dateModified\":\"2025-11-29T12:28:31-05:00\"}}\
             </script></head><body><h1>Free accounting tools</h1>{}{printed}</body></html>",
            long_body()
        )
    };
    let en = "<div class='article-body__published'>Published <time pubdate datetime='2025-08-13'>August 13, 2025</time></div>";
    assert_eq!(date_of(&page(en), url).as_deref(), Some("2025-08-13"));
    let fr = "<p class='date'>Publié le 13 août 2025</p>";
    assert_eq!(date_of(&page(fr), url).as_deref(), Some("2025-08-13"));
    let de = "<p class='datum'>Veröffentlicht am 13.08.2025</p>";
    assert_eq!(date_of(&page(de), url).as_deref(), Some("2025-08-13"));
    // Far down and declaring nothing: the markup's date stands.
    let bare = "<p class='date'>13.08.2025</p>";
    assert_eq!(date_of(&page(bare), url).as_deref(), Some("2025-11-29T12:28:31-05:00"));
}

// Author round 39.

#[test]
fn an_author_link_declared_before_its_class_is_still_a_byline() {
    // `rel="author"` written before `class`: the class no longer hides it.
    let page =
        |byline: &str| format!("<html><body><h1>Seven alternatives</h1><div>{byline}</div><p>Text.</p></body></html>");
    let en = "<a href='/team/ann' rel='author' class='w-link c1x2'>Ann Lee</a>";
    assert_eq!(authors_of(&page(en)), vec!["Ann Lee"]);
    let de = "<span itemprop='author' class='c9z'>Lena Vogt</span>";
    assert_eq!(authors_of(&page(de)), vec!["Lena Vogt"]);
}

#[test]
fn a_card_closing_the_article_names_its_writer() {
    let body = "<p>Long text about machine learning, artists and the licences they grant to models.</p>".repeat(30);
    let page = |card: &str| format!("<html><body><h1>Human in the loop</h1>{body}<hr>{card}</body></html>");
    let en = "<p><strong>Tim Green</strong> <em>UK-based Systems Theorist &amp; Independent Technology Writer</em></p>\
              <p>Tim explores the intersections of artificial intelligence, cognition and ethics.</p>";
    assert_eq!(authors_of(&page(en)), vec!["Tim Green"]);
    let fr = "<p><b>Marie Dubois</b></p><p>Journaliste scientifique</p><p>Marie écrit sur l'intelligence \
              artificielle et ses usages depuis dix ans.</p>";
    assert_eq!(authors_of(&page(fr)), vec!["Marie Dubois"]);
    let de = "<p><b>Lena Vogt</b></p><p>Redakteurin</p><p>Lena schreibt seit zehn Jahren über Technik und \
              die Menschen dahinter.</p>";
    assert_eq!(authors_of(&page(de)), vec!["Lena Vogt"]);
    let es = "<p><b>Ana López</b></p><p>Periodista y fotógrafa</p><p>Ana escribe sobre tecnología y cultura \
              desde hace diez años.</p>";
    assert_eq!(authors_of(&page(es)), vec!["Ana López"]);
    // No bio, or a team page's list of cards: no one.
    let bare = "<p><strong>Tim Green</strong> <em>Independent Technology Writer</em></p><p>Share this post.</p>";
    assert!(authors_of(&page(bare)).is_empty(), "no bio");
    let team = format!(
        "{en}<p><strong>Ann Lee</strong> <em>Senior Editor</em></p><p>Ann edits the features desk and writes on \
         design.</p>"
    );
    assert!(authors_of(&page(&team)).is_empty(), "a list of cards");
}

#[test]
fn a_name_beside_its_portrait_over_a_date_is_the_author_without_a_listed_given_name() {
    let page = |header: &str| format!("<html><body><h1>Figma alternatives</h1>{header}<p>Text.</p></body></html>");
    let en =
        "<div><img src='a.png' alt='Horea Matei'><div><p>Horea Matei</p><p>Created on Jul 11, 2025</p></div></div>";
    assert_eq!(authors_of(&page(en)), vec!["Horea Matei"]);
    let de = "<div><img src='a.png' alt='Horea Matei'><p>Horea Matei</p><p>3. Dezember 2025</p></div>";
    assert_eq!(authors_of(&page(de)), vec!["Horea Matei"]);
    let fr = "<div><img src='a.png' alt='Horea Matei'><p>Horea Matei</p><p>3 décembre 2025</p></div>";
    assert_eq!(authors_of(&page(fr)), vec!["Horea Matei"]);
    let es = "<div><img src='a.png' alt='Horea Matei'><p>Horea Matei</p><p>3 de diciembre de 2025</p></div>";
    assert_eq!(authors_of(&page(es)), vec!["Horea Matei"]);
    let no_portrait = "<div><p>Horea Matei</p><p>Created on Jul 11, 2025</p></div>";
    assert!(authors_of(&page(no_portrait)).is_empty(), "an unlisted first name needs the portrait");
    let other = "<div><img src='a.png' alt='Logo'><p>Acme Widgets</p><p>Created on Jul 11, 2025</p></div>";
    assert!(authors_of(&page(other)).is_empty());
}

#[test]
fn a_bylines_fuller_form_of_the_declared_name_is_kept() {
    let page = |meta: &str, byline: &str| {
        format!(
            "<html><head><meta property='article:author' content='{meta}'></head><body><h1>Decorating</h1>\
             <div class='blog-author'>{byline}</div><p>Text.</p></body></html>"
        )
    };
    assert_eq!(authors_of(&page("Tina Huffman | Studio", "Tina Flint Huffman")), vec!["Tina Flint Huffman"]);
    assert_eq!(authors_of(&page("Marie Dubois", "Marie-Anne Dubois")), vec!["Marie Dubois"], "another first name");
    assert_eq!(authors_of(&page("Lena Vogt", "Lena Vogt")), vec!["Lena Vogt"]);
    assert_eq!(authors_of(&page("Ana López", "Ana María López")), vec!["Ana María López"]);
    assert_eq!(authors_of(&page("Ana López", "Ana López Ana López")), vec!["Ana López"], "a byline printed twice");
}

#[test]
fn a_byline_labels_name_past_an_indented_cards_blank_texts() {
    let body = "<p>Weight loss medications, their effects and what the studies say about them.</p>".repeat(50);
    let page = |label: &str, name: &str| {
        format!(
            "<html><body><h1>Medications</h1>{body}\n<section>\n  <h2>{label}</h2>\n  <div>\n    <div>\n      \
             <img src='a.webp' alt=''>\n      <div>\n        <h3>{name}</h3>\n      </div>\n    </div>\n  </div>\n\
             </section></body></html>"
        )
    };
    assert_eq!(authors_of(&page("Article written by:", "Doris Munoz, MD, FOMA")), vec!["Doris Munoz, MD, FOMA"]);
    assert_eq!(authors_of(&page("Rédigé par :", "Marie Dubois")), vec!["Marie Dubois"]);
    assert_eq!(authors_of(&page("Geschrieben von", "Lena Vogt")), vec!["Lena Vogt"]);
    assert_eq!(authors_of(&page("Escrito por", "Ana López")), vec!["Ana López"]);
}

#[test]
fn a_stated_publication_phrase_ends_at_a_word_boundary() {
    let url = "https://news.example/a";
    let text = "<p>Roots hold the soil together and feed what lives in it for years.</p>".repeat(80);
    let page = |body: &str| format!("<html><body><h1>Soil health</h1>{text}{body}</body></html>");
    let cited = "<ol><li>Lee A. Roots. J Soil. Published online May 22, 2019.</li></ol>";
    assert_eq!(date_of(&page(cited), url), None, "a citation's online date");
    let stated = "<footer><p>This entry was published on March 3, 2014.</p></footer>";
    assert_eq!(date_of(&page(stated), url).as_deref(), Some("2014-03-03"));
    let cite_de = "<ol><li>Lee A. Wurzeln. Boden. Posted online 22.05.2019.</li></ol>";
    assert_eq!(date_of(&page(cite_de), url), None);
    let fr = "<footer><p>Article publié le 3 mars 2014.</p></footer>";
    assert_eq!(date_of(&page(fr), url).as_deref(), Some("2014-03-03"));
}

#[test]
fn a_publication_label_alone_in_its_element_dates_by_the_text_after_it() {
    let url = "https://news.example/a";
    let page = |label: &str, date: &str| {
        // Sixty paragraphs put the label beyond the look under the headline,
        // which would otherwise find the date on its own.
        format!(
            "<html><body><h1>Travel notes</h1>{}<div><div><strong>{label}</strong> <br>{date}</div></div>\
             </body></html>",
            "<p>We walked along the coast for days and saw many things.</p>".repeat(60)
        )
    };
    assert_eq!(date_of(&page("(Re)Published:", "May 25, 2025"), url).as_deref(), Some("2025-05-25"));
    assert_eq!(date_of(&page("Published:", "25.05.2025"), url).as_deref(), Some("2025-05-25"));
    assert_eq!(date_of(&page("Veröffentlicht:", "25. Mai 2025"), url).as_deref(), Some("2025-05-25"));
    assert_eq!(date_of(&page("Publié le", "25 mai 2025"), url).as_deref(), Some("2025-05-25"));
}

// ---- author40: reviewers' pages, "Authors:" lines, first names completed, labelled tags ----

#[test]
fn a_reviewers_page_linked_under_the_headline_is_no_byline() {
    let page = |label: &str| {
        format!(
            "<html><body><h1>Ten habits for healthy weight loss</h1><div><p><span>{label} \
             <a href='/authors/dr-ann-lee'>Dr Ann Lee</a></span><span>Last updated by \
             <a href='/authors/bob-roe'>Bob Roe</a></span></p></div><p>Body text.</p></body></html>"
        )
    };
    assert_eq!(authors_of(&page("Peer reviewed by")), ["Bob Roe"]);
    assert_eq!(authors_of(&page("Geprüft von")), ["Bob Roe"]);
    assert_eq!(authors_of(&page("Revisado por")), ["Bob Roe"]);
    assert_eq!(authors_of(&page("Written by")), ["Dr Ann Lee"]);
}

#[test]
fn an_authors_label_line_after_the_article_names_its_writers() {
    let text = "<p>Plants need light to grow and most homes have too little of it.</p>".repeat(60);
    let page = |line: &str| {
        format!("<html><body><h1>Lighting for plants</h1>{text}<section><p>{line}</p></section></body></html>")
    };
    let en = page("Authors: Julia Weis and Nora Hol, Extension horticulture educators");
    assert_eq!(authors_of(&en), ["Julia Weis", "Nora Hol"]);
    assert_eq!(authors_of(&page("Autoren: Lena Vogt und Jonas Berg")), ["Lena Vogt", "Jonas Berg"]);
    assert_eq!(authors_of(&page("Auteurs : Marie Dubois et Paul Martin")), ["Marie Dubois", "Paul Martin"]);
    assert_eq!(authors_of(&page("Autores: Ana López y Javier Ruiz")), ["Ana López", "Javier Ruiz"]);
}

#[test]
fn a_first_name_alone_is_completed_from_the_page() {
    let labelled = "<html><head><meta name='twitter:label1' content='Written by'>\
                    <meta name='twitter:data1' content='Brett'></head><body><h1>Best yoga mats</h1>\
                    <p>Text of the post.</p><footer><h4>Brett Larkin</h4></footer></body></html>";
    assert_eq!(authors_at(labelled, "https://www.brettlarkin.example/mats/"), ["Brett Larkin"]);
    assert_eq!(authors_at(labelled, "https://www.yogamats.example/mats/"), ["Brett"], "the host spells no one");
    // The line closes the article, past the byline's look under the headline.
    let text = "<p>We stayed a month in each town and saw how people live there.</p>".repeat(60);
    let page = |first: &str, line: &str| {
        format!(
            "<html><head><meta name='author' content='{first}'></head><body><h1>Travel slow</h1>\
             {text}<p>{line}</p></body></html>"
        )
    };
    assert_eq!(authors_of(&page("Linda", "Written by Linda McCall")), ["Linda McCall"]);
    assert_eq!(authors_of(&page("Lena", "Geschrieben von Lena Vogt")), ["Lena Vogt"]);
    assert_eq!(authors_of(&page("Ana", "Escrito por Ana López")), ["Ana López"]);
    assert_eq!(authors_of(&page("Ana", "Escrito por Marta Ruiz")), ["Ana"], "another person's line");
}

#[test]
fn of_several_author_tags_the_one_the_written_by_label_names() {
    let page = |label: &str| {
        format!(
            "<html><head><meta name='author' content='Webcraft'><meta name='author' content='Archie Sol'>\
             <meta name='twitter:label1' content='{label}'><meta name='twitter:data1' content='Archie Sol'>\
             </head><body><h1>Scholarship databases</h1><p>Text.</p></body></html>"
        )
    };
    assert_eq!(authors_of(&page("Written by")), ["Archie Sol"]);
    assert_eq!(authors_of(&page("Geschrieben von")), ["Archie Sol"]);
    assert_eq!(authors_of(&page("Est. reading time")), ["Webcraft", "Archie Sol"], "no label names one");
}

// ---- author41: shared bylines, author lists, share boxes, town-named writers ----

#[test]
fn a_run_of_author_links_under_the_headline_is_one_shared_byline() {
    let page = "<html><head><meta name='author' content='Ann Lee'></head><body><h1>Free courses in 2025</h1>\
                <div><a href='/author/ann/'>Ann Lee</a><span>, </span><a href='/author/bob/'>Bob Roe</a>\
                <span> &amp; </span><a href='/author/cy/'>Cy Dee</a></div><p>Body text.</p></body></html>";
    assert_eq!(authors_of(page), ["Ann Lee", "Bob Roe", "Cy Dee"]);
    // Other words between the links: no run.
    let page = "<html><body><h1>Free courses in 2025</h1><div><a href='/author/ann/'>Ann Lee</a> \
                reviewed with <a href='/author/bob/'>Bob Roe</a></div><p>Body text.</p></body></html>";
    assert_eq!(authors_of(page), ["Ann Lee"]);
}

#[test]
fn a_printed_list_of_three_writers_beats_the_metadata_naming_the_first() {
    let page = |declared: &str, byline: &str| {
        format!(
            "<html><head><meta name='author' content='{declared}'></head><body><h1>Trends for 2026</h1>\
             <div class='hero-author'>{byline}</div><p>Body text.</p></body></html>"
        )
    };
    let three = "Written by <span>Dr Ann Lee</span>, <span>Bob Roe</span>, <span>Cy Dee</span>";
    assert_eq!(authors_of(&page("Ann Lee", three)), ["Dr Ann Lee", "Bob Roe", "Cy Dee"]);
    // Two names: the metadata's stands.
    assert_eq!(authors_of(&page("Ann Lee", "By <span>Ann Lee</span> and <span>Bob Roe</span>")), ["Ann Lee"]);
    // The metadata naming someone the list leaves out: no list over it.
    assert_eq!(authors_of(&page("Eve Poe", three)), ["Eve Poe"]);
}

#[test]
fn an_authors_label_over_a_list_names_every_item() {
    let text = "<p>Policies shape how quickly new energy technologies reach the market.</p>".repeat(60);
    for label in ["Author(s)", "Auteurs", "Autoren", "Autores"] {
        let page = format!(
            "<html><body><h1>Policies for climate change</h1>{text}<div><h6>{label}</h6><ul>\
             <li><a href='/library/?a=1'>John A. Alic</a></li><li><a href='/library/?a=2'>David C. Mowery</a></li>\
             <li><a href='/library/?a=3'>Edward S. Rubin</a></li></ul></div></body></html>"
        );
        assert_eq!(authors_of(&page), ["John A. Alic", "David C. Mowery", "Edward S. Rubin"], "{label}");
    }
}

#[test]
fn a_byline_beside_the_share_buttons_is_read() {
    for (line, name) in [
        ("By: Paul Roe", "Paul Roe"),
        ("Par Marie Dubois", "Marie Dubois"),
        ("Von: Lena Vogt", "Lena Vogt"),
        ("Por Ana López", "Ana López"),
    ] {
        let page = format!(
            "<html><head><meta name='author' content='Site Account'></head><body><h1>Legal issues in fitness</h1>\
             <div class='by-share-div'><div class='by-div'><p>{line}</p></div><div class='share-div'><p>Share</p>\
             <ul><li><a href='https://facebook.example/s'>Facebook</a></li></ul></div></div>\
             <p>Body text.</p></body></html>"
        );
        assert_eq!(authors_of(&page), [name], "{line}");
    }
    // A share box's other text is no byline.
    let page = "<html><body><h1>Legal issues in fitness</h1><div class='share-box'><p>Share by Email</p></div>\
                <p>Body text.</p></body></html>";
    assert!(authors_of(page).is_empty());
}

#[test]
fn an_author_card_names_a_writer_whose_given_name_is_a_town() {
    let text = "<p>Atlanta hosts many technology conferences every single year.</p>".repeat(40);
    let page = |name: &str, first: &str| {
        format!(
            "<html><body><h1>Tech conferences in Atlanta</h1>{text}<div class='blog-author-info'><p><strong>{name}:</strong> \
             Since 1998, {first} has grown the company into a trusted partner for small businesses.</p></div></body></html>"
        )
    };
    assert_eq!(authors_of(&page("David Gracey", "David")), ["David Gracey"]);
    assert_eq!(authors_of(&page("Austin Reyes", "Austin")), ["Austin Reyes"]);
    // Not called by that name in the bio: no card.
    assert!(authors_of(&page("David Gracey", "he")).is_empty());
}

#[test]
fn bylines_in_teaser_cards_name_no_author_of_the_page() {
    let body = "<p>First paragraph of the story.</p>".repeat(8);
    let related = "<ul class='related'>\
        <li class='item'><a href='/2025/12/deal'>Palo Alto Networks inks a cloud deal with Google</a>\
        <p class='meta'>By <a href='/author/maria'><span class='author'>Maria Deutscher</span></a></p></li>\
        <li class='item'><a href='/2025/12/fabs'>Chip makers race to build new fabs in Arizona</a>\
        <p class='meta'>By <a href='/author/mike'><span class='author'>Mike Wheatley</span></a></p></li></ul>";
    let own = "<p class='meta'>by <a href='/author/victoria'><span class='author'>Victoria Gayton</span></a></p>";
    // A promotion's `<h1>` after the story: the cards under it are nearer than the story's byline.
    let page = format!(
        "<html><body><h3>How cloud inference scales</h3>{own}{body}<h1>A message from our founder</h1>{related}</body></html>"
    );
    assert_eq!(authors_of(&page), vec!["Victoria Gayton"], "the page's own byline, not the nearer card's");
    let listing = format!("<html><body><h1>Latest news</h1>{body}{related}</body></html>");
    assert!(authors_of(&listing).is_empty(), "a listing's cards name their own stories' writers");
    let column = |name: &str, slug: &str| {
        format!(
            "<div class='col'><div class='post-block'><h4><a href='/news/{slug}'>What the new rules mean for \
             your bill</a></h4><div class='area'>By <a href='/blog/author/{slug}'>{name}</a></div></div></div>"
        )
    };
    let columns = format!(
        "<html><body><h1>News from industry experts</h1><div class='row'>{}{}</div></body></html>",
        column("Logan Jones", "logan-jones"),
        column("Mike Strayer", "mike-strayer")
    );
    assert!(authors_of(&columns).is_empty(), "cards in columns under a listing's heading");
    // The writers of a shared byline are look-alikes too, but no headline's link sits among them.
    let shared = "<html><body><h1>Budget tips</h1><ul class='authors'>\
        <li class='a'><a class='author' href='/author/ann-lee'>Ann Lee</a></li>\
        <li class='a'><a class='author' href='/author/bob-roe'>Bob Roe</a></li></ul><p>Text.</p></body></html>";
    assert_eq!(authors_of(shared).first().map(String::as_str), Some("Ann Lee"));
}

#[test]
fn a_revision_label_split_by_a_connective_or_named_by_a_wrapper_dates_no_publication() {
    let url = "https://news.example/a";
    let page = |line: &str| {
        format!("<html><body><h1>The best VPNs this year</h1><div>{line}</div><p>Stay safe.</p></body></html>")
    };
    // "Last Updated" / "on" in a layout's two spans, then the day.
    let split = "<span class='post-date'><span class='desktop'>Last Updated</span> <span class='mobile'>on</span> \
                 <span class='date'>Mar 11, 2026</span></span>";
    assert_eq!(date_of(&page(split), url), None);
    let posted =
        "<span class='byline'><span>Posted</span> <span>on</span> <span class='date'>Mar 11, 2026</span></span>";
    assert_eq!(date_of(&page(posted), url).as_deref(), Some("2026-03-11"));
    // A wrapper named for the revision, the date itself unlabelled.
    let changed = "<div class='field field--name-changed'><time datetime='2026-02-12T14:36:23-05:00' class='datetime'>\
                   February 12, 2026</time></div>";
    assert_eq!(date_of(&page(changed), url), None);
    // The element declaring a publication inside such a wrapper still dates the page.
    let published = "<div class='hide-tagupdated'><span>by Ann Lee</span> <time class='entry-date published' \
                     datetime='2019-06-13T19:16:25-04:00'>June 13, 2019</time></div>";
    assert_eq!(date_of(&page(published), url).as_deref(), Some("2019-06-13T19:16:25-04:00"));
    // hAtom's bare `updated` class on the publication date names no revision.
    let hatom = "<time class='entry-date updated td-module-date' datetime='2026-02-12T14:36:23-05:00'>\
                 February 12, 2026</time>";
    assert!(date_of(&page(hatom), url).is_some_and(|d| d.starts_with("2026-02-12")));
}

#[test]
fn a_utc_value_its_time_element_prints_with_a_local_clock_gives_the_local_day() {
    let url = "https://news.example/a";
    let page = |time: &str| {
        format!(
            "<html><head><meta property='article:published_time' content='2014-03-17T00:25:01+00:00'></head><body>\
             <h1>Questions about a new tank</h1><p>{time}</p><p>Which filter?</p></body></html>"
        )
    };
    let local = "<time datetime='2014-03-17T00:25:01+00:00'>03-16-2014, 07:25 PM</time>";
    assert_eq!(date_of(&page(local), url).as_deref(), Some("2014-03-16"));
    let clock = "<time datetime='2014-03-17T00:25:01+00:00'>16.03.2014 um 19:25</time>";
    assert_eq!(date_of(&page(clock), url).as_deref(), Some("2014-03-16"));
    // A clock that is not the instant's in any zone, or a day alone: the declared value stays.
    let other = "<time datetime='2014-03-17T00:25:01+00:00'>03-16-2014, 07:12 PM</time>";
    assert_eq!(date_of(&page(other), url).as_deref(), Some("2014-03-17T00:25:01+00:00"));
    let day = "<time datetime='2014-03-17T00:25:01+00:00'>March 16, 2014</time>";
    assert_eq!(date_of(&page(day), url).as_deref(), Some("2014-03-17T00:25:01+00:00"));
}

#[test]
fn every_stated_phrase_holds_a_key_of_the_ascii_pre_filter() {
    // The pre-filter may only skip texts that hold no phrase.
    for w in STATED {
        assert!(stated_keys().is_match(w.as_bytes()), "{w}");
        assert!(stated_keys().is_match(w.to_uppercase().as_bytes()), "{w}");
    }
    assert!(!stated_keys().is_match("Posted in News on March 3".as_bytes()));
}

// Metadata round 45.

#[test]
fn a_save_seconds_apart_is_one_save_and_yields_to_a_printed_earlier_day() {
    let url = "https://news.example/a";
    let page = |modified: &str, date: &str| {
        format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"Article\",\
             \"datePublished\":\"2031-03-14T18:41:27.512Z\",\"dateModified\":\"{modified}\"}}</script></head><body>\
             <h1>A quieter harbour</h1>{date}<p>Text.</p></body></html>"
        )
    };
    // The modification written 13 seconds before the publication: one save.
    for date in [
        "<div class='entry-date'>Mar 12, 2031</div>",
        "<div class='entry-date'>12 mars 2031</div>",
        "<div class='entry-date'>12. März 2031</div>",
        "<div class='entry-date'>12 de marzo de 2031</div>",
    ] {
        assert_eq!(date_of(&page("2031-03-14T18:41:09.204Z", date), url).as_deref(), Some("2031-03-12"), "{date}");
    }
    // Hours apart: a real revision, the declared publication stands.
    let date = "<div class='entry-date'>Mar 12, 2031</div>";
    assert_eq!(date_of(&page("2031-03-15T08:00:00Z", date), url).as_deref(), Some("2031-03-14T18:41:27.512Z"));
}

#[test]
fn a_teaser_lists_post_date_is_no_earlier_publication() {
    let url = "https://news.example/a";
    let page = |cards: &str| {
        format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"Article\",\
             \"datePublished\":\"2029-06-03T16:47:12+02:00\",\"dateModified\":\"2029-06-03T16:47:12+02:00\"}}\
             </script></head><body><h1>Ein neues Stadtarchiv</h1><p>Text.</p>{cards}</body></html>"
        )
    };
    let card = |d: &str| {
        format!("<div class='card'><a href='/x'>Eine ältere Meldung</a><span class='entry-date'>{d}</span></div>")
    };
    // Look-alikes dating other days: the teaser column's, not the page's first publication.
    let list = format!("{}{}", card("14/02/2017"), card("09/02/2017"));
    assert_eq!(date_of(&page(&list), url).as_deref(), Some("2029-06-03T16:47:12+02:00"));
    // The same element alone is the day the page first went out.
    assert_eq!(date_of(&page(&card("14/02/2017")), url).as_deref(), Some("2017-02-14"));
}

#[test]
fn declared_publications_of_one_clock_hours_apart_date_nothing() {
    let url = "https://news.example/a";
    let page = |meta: &str, lang: &str| {
        format!(
            "<html lang='{lang}'><head><script type='application/ld+json'>{{\"@type\":\"NewsArticle\",\
             \"datePublished\":\"2033-09-02T06:13:52Z\"}}</script>\
             <meta property='article:published_time' content='{meta}'></head><body><h1>Lighthouse keepers</h1>\
             <p>Text.</p></body></html>"
        )
    };
    // The same clock ten hours apart: one of them wrote a local time as UTC.
    for lang in ["en", "fr", "de"] {
        assert_eq!(date_of(&page("2033-09-01T22:13:52+00:00", lang), url), None, "{lang}");
    }
    // The same instant in another zone is that instant, written locally; another clock keeps the JSON-LD value.
    assert_eq!(date_of(&page("2033-09-02T16:13:52+10:00", "en"), url).as_deref(), Some("2033-09-02T16:13:52+10:00"));
    assert_eq!(date_of(&page("2033-09-01T22:20:00+00:00", "en"), url).as_deref(), Some("2033-09-02T06:13:52Z"));
}

#[test]
fn round_clocks_hours_apart_are_no_zone_slip() {
    let url = "https://news.example/a";
    // Two values on the hour share their minutes and seconds by chance, not
    // because one is the other written under the wrong zone.
    let page = "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\
         \"datePublished\":\"2032-05-11T02:00:00+01:00\"}</script>\
         <meta property='article:published_time' content='2032-05-10T20:00:00+00:00'></head><body>\
         <h1>Night market</h1><p>Text.</p></body></html>";
    assert!(date_of(page, url).is_some());
}

// Metadata round 46.

#[test]
fn a_wiki_page_is_dated_by_its_latest_revision() {
    let url = "https://wiki.example/index.php?title=Lighthouse";
    let page = |generator: &str| {
        format!(
            "<html><head><meta name='generator' content='{generator}'>\
             <script type='application/ld+json'>{{\"@type\":\"Article\",\"datePublished\":\"2006-03-02T10:11:12Z\",\
             \"dateModified\":\"2031-05-07T19:33:32Z\"}}</script></head>\
             <body><h1>Lighthouse</h1><p>Text.</p></body></html>"
        )
    };
    // The text shown is the last revision's; the page's creation dates none of it.
    assert_eq!(date_of(&page("MediaWiki 1.39.3"), url).as_deref(), Some("2031-05-07T19:33:32Z"));
    // Any other engine: the declared publication.
    assert_eq!(date_of(&page("WordPress 6.8.3"), url).as_deref(), Some("2006-03-02T10:11:12Z"));
    // A wiki page declaring no revision keeps its publication.
    let created = "<html><head><meta name='generator' content='MediaWiki 1.31.0'>\
         <script type='application/ld+json'>{\"@type\":\"Article\",\"datePublished\":\"2006-03-02T10:11:12Z\"}</script>\
         </head><body><h1>Lighthouse</h1><p>Text.</p></body></html>";
    assert_eq!(date_of(created, url).as_deref(), Some("2006-03-02T10:11:12Z"));
}

#[test]
fn a_meta_publication_restamped_by_the_last_save_dates_a_page_that_no_longer_prints_the_first() {
    let url = "https://news.example/a";
    let page = |meta: &str, printed: &str| {
        format!(
            "<html><head><script type='application/ld+json'>{{\"@type\":\"Article\",\
             \"datePublished\":\"2027-04-03T16:50:31Z\",\"dateModified\":\"2034-12-19T18:06:00Z\"}}</script>\
             <meta property='article:published_time' content='{meta}'></head>\
             <body><h1>Shoes for a wet winter</h1>{printed}<p>Text.</p></body></html>"
        )
    };
    // The `<meta>` publication is the modification's save (the same instant,
    // also written in another zone), and the page prints no older day.
    for meta in ["2034-12-19T18:06:00Z", "2034-12-19T19:06:00+01:00"] {
        for printed in ["", "<time>Updated: Dec 19, 2034</time>", "<p class='meta'>Aktualisiert am 19.12.2034</p>"] {
            assert_eq!(date_of(&page(meta, printed), url).as_deref(), Some(meta), "{meta} {printed}");
        }
    }
    // The first publication still printed under the headline (en, de, fr): it dates the page.
    for printed in [
        "<div class='entry-date'>Apr 3, 2027</div>",
        "<div class='entry-date'>3. April 2027</div>",
        "<div class='entry-date'>3 avril 2027</div>",
    ] {
        assert_eq!(
            date_of(&page("2034-12-19T18:06:00Z", printed), url).as_deref(),
            Some("2027-04-03T16:50:31Z"),
            "{printed}"
        );
    }
    // A `<meta>` publication of another instant is no restamp: JSON-LD stands.
    assert_eq!(date_of(&page("2034-12-18T09:00:00Z", ""), url).as_deref(), Some("2027-04-03T16:50:31Z"));
}

#[test]
fn a_hidden_publication_beside_a_printed_update_alone_dates_nothing() {
    let url = "https://news.example/guide";
    let ld = r#"<script type="application/ld+json">{"@type":"BlogPosting","headline":"H",
        "datePublished":"2024-03-06T02:16:49-08:00","dateModified":"2025-11-19T12:47:12-08:00"}</script>"#;
    // The page prints only its update (en, de, fr, es); the publication is in JSON-LD alone.
    for (h1, line) in [
        ("Analytics for shops: the complete guide", "Last updated on November 19, 2025"),
        ("Der große Ratgeber für Onlineshops", "Aktualisiert am 19.11.2025"),
        ("Le guide complet des boutiques en ligne", "Mis à jour le 19 novembre 2025"),
        ("La guía completa de las tiendas online", "Actualizado el 19 de noviembre de 2025"),
    ] {
        let page = format!(
            "<html><head>{ld}</head><body><h1>{h1}</h1><p><span>{line}</span> · 5 min</p><p>Text.</p></body></html>"
        );
        assert_eq!(date_of(&page, url), None, "{line}");
    }
    let page = |head: &str, byline: &str| {
        format!(
            "<html><head>{head}</head><body><h1>Analytics for shops: the complete guide</h1>{byline}\
             <p>Text.</p></body></html>"
        )
    };
    let update = "<p>Last updated on November 19, 2025</p>";
    // A `<meta itemprop>` is as hidden as JSON-LD.
    let microdata = "<meta itemprop='datePublished' content='2024-05-09 00:00:00 +0000'>\
                     <meta itemprop='dateModified' content='2025-11-19 00:00:00 +0000'>";
    assert_eq!(date_of(&page(microdata, update), url), None);
    // An Open Graph publication is one the site shows in link previews: it stands.
    let og = format!("{ld}<meta property='article:published_time' content='2024-03-06T10:16:49+00:00'>");
    assert_eq!(date_of(&page(&og, update), url).as_deref(), Some("2024-03-06T02:16:49-08:00"));
    // A publication printed beside the update, or no update printed: the publication.
    let both = "<p>Published March 6, 2024 · Last updated on November 19, 2025</p>";
    assert_eq!(date_of(&page(ld, both), url).as_deref(), Some("2024-03-06T02:16:49-08:00"));
    assert_eq!(date_of(&page(ld, "<p>By Ann Lee</p>"), url).as_deref(), Some("2024-03-06T02:16:49-08:00"));
    // An "Updated" line on the publication's day or before it is no later version.
    let same = "<p>Last updated on March 6, 2024</p>";
    assert_eq!(date_of(&page(ld, same), url).as_deref(), Some("2024-03-06T02:16:49-08:00"));
}

#[test]
fn a_day_printed_years_before_a_lone_meta_publication_is_the_first() {
    let url = "https://blog.example/lessons-learned";
    let page = |published: &str, printed: &str| {
        format!(
            "<html><head><meta property='article:published_time' content='{published}'></head><body>\
             <h1>Lessons learned from my failed startup</h1><div><span>7 min read</span><span>·</span>\
             <span>{printed}</span></div><p>Text.</p></body></html>"
        )
    };
    // en, fr, de: a re-imported post keeps its first day on screen.
    for (printed, day) in
        [("Dec 30, 2013", "2013-12-30"), ("30 décembre 2013", "2013-12-30"), ("30. Dezember 2013", "2013-12-30")]
    {
        assert_eq!(date_of(&page("2024-08-07T12:01:51.460Z", printed), url).as_deref(), Some(day), "{printed}");
    }
    // Within a year the printed day may be an event's: the tag stands.
    assert_eq!(
        date_of(&page("2024-08-07T12:01:51.460Z", "Dec 30, 2023"), url).as_deref(),
        Some("2024-08-07T12:01:51.460Z")
    );
    // JSON-LD confirming the tag, or a marked date element: the declared day stands.
    let confirmed = page("2024-08-07T12:01:51.460Z", "Dec 30, 2013").replace(
        "</head>",
        r#"<script type="application/ld+json">{"@type":"Article","datePublished":"2024-08-07T12:01:51.460Z"}</script></head>"#,
    );
    assert_eq!(date_of(&confirmed, url).as_deref(), Some("2024-08-07T12:01:51.460Z"));
    let marked = page("2024-08-07T12:01:51.460Z", "<time datetime='2013-12-30'>Dec 30, 2013</time>");
    assert_eq!(date_of(&marked, url).as_deref(), Some("2024-08-07T12:01:51.460Z"));
}

#[test]
fn stated_phrase_keys_are_found_in_any_text_holding_a_phrase() {
    // Lower-cased and searched as `stated_date` reads a text: every one
    // holding a phrase holds a key, ASCII or not.
    let pieces = [
        "Veröffentlicht",
        "VERÖFFENTLICHT",
        "am 14. Dezember 2015",
        "Dieser Artikel wurde am ",
        "Beitrag WURDE AM ",
        "Published on ",
        "PUBLISHED: ",
        "published online",
        "Publié le ",
        "PUBLIÉE LE ",
        "3 juin 2025",
        "Publicado el ",
        "PUBLICADO EN ",
        "Pubblicato il ",
        "Gepubliceerd op ",
        "Posted on ",
        "POSTED ON ",
        "March 3, 2014",
        "İ",
        "PUBLİ",
        "K",
        "ſ",
        "ẞ",
        "Σ",
        " ",
        "é",
        "2025-06-03",
        "日本語",
        "Εφημερίδα",
    ];
    let texts = super::super::authors::generated(&pieces, 30_000, 6);
    let mut stating = 0;
    for t in &texts {
        let lower = t.to_lowercase();
        if STATED.iter().any(|w| states(&lower, w)) {
            stating += 1;
            assert!(stated_keys().is_match(t.as_bytes()), "{t}");
        }
    }
    assert!(stating > 3000, "phrases generated: {stating}");
}

#[test]
fn publication_key_check_answers_as_the_full_reading() {
    fn full(key: &str) -> Option<usize> {
        let publication = ["publish", "pubdate", "pub_date", "pub-date"].iter().any(|w| key.contains(w));
        let date = ["date", "time"].iter().any(|w| key.contains(w));
        let other = REVISION_WORDS.iter().chain(&["expir"]).any(|w| key.contains(w));
        (publication && date && !other).then_some(PUBLISHED_META.len())
    }
    let pieces = [
        "article",
        ":",
        ".",
        "-",
        "_",
        "publish",
        "published",
        "pub",
        "date",
        "time",
        "pubdate",
        "pub_date",
        "pub-date",
        "modified",
        "updated",
        "expires",
        "revision",
        "og",
        "viewport",
        "titel",
        "veröffentlicht",
    ];
    let keys = super::super::authors::generated(&pieces, 20_000, 6);
    let mut named = 0;
    for k in &keys {
        assert_eq!(names_publication(k), full(k), "{k}");
        named += usize::from(full(k).is_some());
    }
    assert!(named > 1000, "publication keys generated: {named}");
}

#[test]
fn meta_keys_find_what_a_pass_over_every_tagged_element_finds() {
    // Generated heads: repeated, empty, mixed-case and two-keyed `<meta>`
    // elements, among links and microdata (en, de, fr values).
    let pieces = [
        "<meta property='og:title' content='Storm hits the coast'>",
        "<meta property='og:title' content=''>",
        "<meta name='og:title' content='Sturm an der Küste'>",
        "<meta property='og:image' name='twitter:image' content='https://n.example/a.jpg'>",
        "<meta name='twitter:image' content='https://n.example/b.jpg'>",
        "<meta name='twitter:image' value='https://n.example/c.jpg'>",
        "<meta property='OG:TITLE' content='Grève à la SNCF'>",
        "<meta name='keywords' content='a, b'>",
        "<meta name='news_keywords' content='c; d'>",
        "<meta name='dc.title' content='Titel'>",
        "<meta name='DC.title' content='Titre'>",
        "<meta property='article:tag' content='Politik'>",
        "<meta property='article:tag' content='Wahl'>",
        "<meta property='og:type' content='website'>",
        "<meta property='og:type' content='article'>",
        "<meta content='no key'>",
        "<link rel='canonical' href='https://n.example/a'>",
        "<span itemprop='name' content='og:title'>x</span>",
        "<meta property='og:title' property='og:image' content='first attribute counts'>",
    ];
    let heads = super::super::authors::generated(&pieces, 400, 6);
    let asked: &[&[(&str, &str)]] = &[
        &[("property", "og:title")],
        &[("name", "og:title")],
        &[("property", "og:image"), ("name", "twitter:image")],
        &[("name", "twitter:image")],
        &[("name", "keywords"), ("name", "news_keywords")],
        &[("name", "dc.title"), ("name", "DC.title")],
        &[("property", "article:tag")],
        &[("property", "og:type")],
        &[("property", "og:image")],
    ];
    let mut found = 0;
    for head in &heads {
        let html = format!("<html><head>{head}</head><body><p>Text.</p></body></html>");
        let doc = Document::from(html.as_str());
        let index = super::super::index::DomIndex::read(&doc.root());
        let scan = &index.scan;
        let metas = MetaKeys::read(scan);
        for pairs in asked {
            let is = |n: &NodeRef| pairs.iter().any(|(k, v)| tag_with("meta", k, v)(n));
            for attr in ["content", "value"] {
                // The lookups take arrays: one or two pairs here.
                let (first, every) = match **pairs {
                    [a] => (metas.attr_of(scan, &[a], attr), metas.attrs_of(scan, &[a], attr)),
                    [a, b] => (metas.attr_of(scan, &[a, b], attr), metas.attrs_of(scan, &[a, b], attr)),
                    _ => unreachable!("{pairs:?}"),
                };
                assert_eq!(first, scan.attr_of(is, attr), "{head} {pairs:?} {attr}");
                let all: Vec<String> = scan
                    .tagged
                    .iter()
                    .filter(|n| is(n))
                    .filter_map(|n| n.attr(attr))
                    .map(|v| normalize_text(&v))
                    .filter(|v| !v.is_empty())
                    .collect();
                assert_eq!(every, all, "{head} {pairs:?} {attr}");
                found += usize::from(scan.attr_of(is, attr).is_some());
            }
        }
    }
    assert!(found > 1000, "values found: {found}");
}

#[test]
fn plain_lines_are_tested_in_place_as_normalised() {
    // Plain lines come back from `normalize_text` unchanged, and a head of
    // one opens a "Written by" line exactly when the whole does.
    let pieces = [
        "Written by ",
        "WRITTEN BY",
        "Article by ",
        "Words by",
        "Author: ",
        "AUTHORS :",
        "Autor:",
        "Auteurs : ",
        "Ann Lee",
        " ",
        "  ",
        "-- ",
        "&amp;",
        "\t",
        "\n",
        "\u{a0}",
        "Geschrieben von ",
        "Écrit par ",
        "é",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit ",
        "~",
        "*",
    ];
    let lines = super::super::authors::generated(&pieces, 30_000, 6);
    let opens = |lower: &str| {
        let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
        authors::WRITTEN_BY.iter().any(|w| lower.starts_with(w)) || authors::opens_author_label(lower)
    };
    let (mut plain, mut opening) = (0, 0);
    for raw in &lines {
        if !is_plain_line(raw) {
            continue;
        }
        plain += 1;
        assert_eq!(&normalize_text(raw), raw, "{raw:?}");
        let t = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let head = opens(&t[..t.len().min(OPENER_HEAD)].to_ascii_lowercase());
        assert_eq!(head, opens(&normalize_text(raw).to_lowercase()), "{raw:?}");
        opening += usize::from(head);
    }
    assert!(plain > 3000 && opening > 1000, "plain {plain}, opening {opening}");
}
