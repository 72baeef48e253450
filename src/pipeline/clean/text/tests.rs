use super::*;

fn texts(blocks: &[Block]) -> Vec<(BlockKind, &str)> {
    blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
}

#[test]
fn repeated_lines_become_one_caption_and_repeated_titles_vanish() {
    let page = "A headline about the harbour\n\nThe harbour reopened on Monday after a week of repairs, and the ferries run again.\n\nA crane at dawn\nA crane at dawn\n\nA headline about the harbour\n\nThe first ship to dock was a ferry from the islands, carrying two hundred passengers.\n";
    let out = extract_page(page, "https://example.org/news/headline-about-the-harbour");
    assert_eq!(out.title.as_deref(), Some("A headline about the harbour"));
    assert_eq!(
        texts(&out.blocks),
        vec![
            (
                BlockKind::Paragraph,
                "The harbour reopened on Monday after a week of repairs, and the ferries run again."
            ),
            (BlockKind::Caption, "A crane at dawn"),
            (
                BlockKind::Paragraph,
                "The first ship to dock was a ferry from the islands, carrying two hundred passengers."
            ),
        ]
    );
}

#[test]
fn related_headers_leave_one_break_and_widgets_disappear() {
    let page = "Zum Inhalt springen\nDer Titel des Artikels\nDer erste Absatz des Artikels ist lang genug, um als Text zu gelten, und er endet mit einem Punkt.\nTeilen\n12 Kommentare\nLesen Sie auch:\nMeistgelesen\nEin anderer Artikel über die Bahn\nAnzeige\nPolitik\nKontakt\n";
    let out = extract_page(page, "");
    assert_eq!(out.title.as_deref(), Some("Der Titel des Artikels"));
    assert_eq!(
        texts(&out.blocks),
        vec![
            (
                BlockKind::Paragraph,
                "Der erste Absatz des Artikels ist lang genug, um als Text zu gelten, und er endet mit einem Punkt."
            ),
            (BlockKind::RelatedBreak, "Lesen Sie auch:"),
            (BlockKind::Paragraph, "Ein anderer Artikel über die Bahn"),
        ]
    );
}

#[test]
fn the_teaser_zone_keeps_headlines_and_drops_menu_entries() {
    let page = "Le titre de l'article\nLe premier paragraphe de l'article est assez long pour compter comme du texte, et il finit par un point.\nLire aussi\nPolitique\nNous contacter\nLe métro de Marseille fermé deux semaines pour travaux\nÉconomie :\nLes écoles ferment plus tôt cet été\n";
    let out = extract_page(page, "");
    let zone: Vec<&str> =
        out.blocks.iter().skip_while(|b| b.kind != BlockKind::RelatedBreak).skip(1).map(|b| b.text.as_str()).collect();
    assert_eq!(
        zone,
        vec!["Le métro de Marseille fermé deux semaines pour travaux", "Les écoles ferment plus tôt cet été"]
    );
}

/// The article's paragraphs: the blocks before the teaser zone's break.
fn body_paragraphs(out: &TextPage) -> Vec<&str> {
    out.blocks
        .iter()
        .take_while(|b| b.kind != BlockKind::RelatedBreak)
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.text.as_str())
        .collect()
}

fn kinds_of(out: &TextPage, kind: BlockKind) -> Vec<&str> {
    out.blocks.iter().filter(|b| b.kind == kind).map(|b| b.text.as_str()).collect()
}

#[test]
fn lines_split_at_links_are_joined_back_en() {
    let page = "Menu\nSearch\nChoosing a budget laptop is tricky because you can find dozens of options at a given time. We have picks for\nChromebooks\nand\nWindows laptops\nunder $500, and some\nother options worth considering\n. If you cannot find them, read\nour guide\ninstead.\nAbout us\n";
    let out = extract_page(page, "");
    assert_eq!(
        kinds_of(&out, BlockKind::Paragraph),
        vec!["Choosing a budget laptop is tricky because you can find dozens of options at a given time. We have picks for Chromebooks and Windows laptops under $500, and some other options worth considering. If you cannot find them, read our guide instead."]
    );
}

#[test]
fn menus_and_footers_around_the_article_go_fr() {
    let page = "Accueil\nPolitique\nÉconomie\nSport\nCulture\nSe connecter\n\
        Le gouvernement présente son plan pour le rail\n\
        Par Marie Dupont\nPublié le 3 juin 2025 à 18h05\n\
        Le gouvernement a présenté mardi un plan de dix milliards d'euros pour moderniser les lignes régionales.\n\
        Les syndicats ont salué une annonce attendue depuis des années, mais restent prudents sur le calendrier.\n\
        Un calendrier serré\n\
        Les premiers travaux commenceront à l'automne dans trois régions, selon le ministère des transports.\n\
        Mentions légales\nContact\nNous suivre\n";
    let out = extract_page(page, "https://journal.example/politique/le-gouvernement-presente-son-plan-pour-le-rail");
    assert_eq!(out.title.as_deref(), Some("Le gouvernement présente son plan pour le rail"));
    assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["Par Marie Dupont · Publié le 3 juin 2025 à 18h05"]);
    let body = kinds_of(&out, BlockKind::Paragraph);
    assert_eq!(body.len(), 4, "{body:#?}");
    assert_eq!(body[2], "Un calendrier serré", "a subhead inside prose stays");
    assert!(!body.iter().any(|b| b.contains("Accueil") || b.contains("Contact")));
}

#[test]
fn title_is_never_a_breadcrumb_or_section_label_de() {
    let page = "Startseite > Wirtschaft > Verkehr\nWirtschaft\nVerkehr\n\
        Bahn erhöht die Preise für Fernreisen\n\
        Von Markus Huber\n04.06.2025, 09:15 Uhr\n\
        Die Deutsche Bahn erhöht zum Fahrplanwechsel die Preise im Fernverkehr um durchschnittlich vier Prozent.\n\
        Der Fahrgastverband kritisierte die Erhöhung, weil die Pünktlichkeit der Züge im vergangenen Jahr gesunken sei.\n";
    let out = extract_page(page, "https://zeitung.example/wirtschaft/bahn-erhoeht-die-preise-fuer-fernreisen");
    assert_eq!(out.title.as_deref(), Some("Bahn erhöht die Preise für Fernreisen"));
    assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["Von Markus Huber · 04.06.2025, 09:15 Uhr"]);
    assert_eq!(kinds_of(&out, BlockKind::Paragraph).len(), 2);
    // Without a slug the line above the byline still wins.
    let out = extract_page(page, "https://zeitung.example/a/123");
    assert_eq!(out.title.as_deref(), Some("Bahn erhöht die Preise für Fernreisen"));
}

#[test]
fn title_printed_twice_is_kept_once_and_comments_stay_out_es() {
    let page = "Portada\nNacional\n\
        La Junta aprueba la ayuda a la fábrica de Valladolid\n\
        Compartir\n\
        La Junta aprueba la ayuda a la fábrica de Valladolid\n\
        Por Ana López\n\
        La Junta de Castilla y León aprobó este jueves una ayuda de doce millones de euros para la fábrica.\n\
        La empresa se comprometió a mantener el empleo durante los próximos cinco años, según el acuerdo.\n\
        12 comentarios\n\
        Pepe dijo que esto es una vergüenza y que la fábrica cerrará de todas formas en un par de años.\n";
    let out = extract_page(page, "https://diario.example/economia/123");
    assert_eq!(out.title.as_deref(), Some("La Junta aprueba la ayuda a la fábrica de Valladolid"));
    assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["Por Ana López"]);
    let body = kinds_of(&out, BlockKind::Paragraph);
    assert_eq!(body.len(), 2, "{body:#?}");
    assert!(body.iter().all(|b| !b.contains("Valladolid aprueba") && !b.contains("Pepe")));
}

#[test]
fn a_headline_is_not_joined_to_the_sentence_under_it() {
    let out = extract_page(
        "Title of the secret page\nA paragraph long enough to be the body, with a marker inside it.\n",
        "https://s.example/1",
    );
    assert_eq!(out.title.as_deref(), Some("Title of the secret page"));
    assert_eq!(
        kinds_of(&out, BlockKind::Paragraph),
        vec!["A paragraph long enough to be the body, with a marker inside it."]
    );
    // A function word ending the line still joins what follows it.
    let joined = extract_page(
        "The plan was reviewed by the\nOffice of Rail and Road last week, which found it sound and fair.\n",
        "https://s.example/2",
    );
    assert!(kinds_of(&joined, BlockKind::Paragraph)
        .iter()
        .chain(joined.title.as_deref().iter())
        .any(|p| p.contains("reviewed by the Office of Rail and Road")));
}

#[test]
fn a_byline_split_over_lines_is_read_whole() {
    let page = "Home\nHelping our developers stay productive while working remotely\nMarch 20, 2020\nBy\nJared Spataro\n, Chief Marketing Officer\nShare\n\
        Since we made the move to remote work two weeks ago, we are discovering so much as a company and as a team.\n\
        Keeping our team productive is key to making our services work for our customers, and we share what we learned.\n";
    let out =
        extract_page(page, "https://blog.example/2020/03/20/helping-developers-stay-productive-working-remotely/");
    assert_eq!(out.title.as_deref(), Some("Helping our developers stay productive while working remotely"));
    assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["By Jared Spataro, Chief Marketing Officer · March 20, 2020"]);
    assert_eq!(kinds_of(&out, BlockKind::Paragraph).len(), 2);
}

const PROSE_EN: &str = "The council voted on Tuesday to fund a new bridge over the river, ending a debate that lasted ten years.\n\nWork will start in the spring and the bridge should open to traffic before the end of next year, officials said.\n";

#[test]
fn byline_label_alone_takes_the_name_on_the_next_line() {
    // One DOM text node a line, blank lines between: the label and the name are not joined.
    let cases = [
        ("Written by", "Marissa Lyda", "en"),
        ("Par", "Marie Dupont", "fr"),
        ("Von", "Markus Huber", "de"),
        ("Autor:", "Ana López", "es"),
    ];
    for (label, name, lang) in cases {
        let page = format!(
            "Home\n\nNews\n\nCouncil votes to fund the new bridge\n\n{label}\n\n{name}\n\nJune 3, 2025\n\n{PROSE_EN}"
        );
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        assert_eq!(out.title.as_deref(), Some("Council votes to fund the new bridge"), "{lang}");
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("{label} {name} · June 3, 2025")], "{lang}");
        assert!(!kinds_of(&out, BlockKind::Paragraph).iter().any(|p| p.contains(name)), "{lang}");
    }
}

#[test]
fn sort_by_and_section_labels_are_not_authors() {
    let page = format!("Shop\n\nGarden Accessories\n\nSort by\n\nFeatured Items\n\nProduct Details\n\n{PROSE_EN}");
    let out = extract_page(&page, "https://example.org/garden-accessories");
    assert!(kinds_of(&out, BlockKind::Byline).is_empty(), "{:?}", out.blocks);
}

#[test]
fn a_name_in_an_author_block_under_the_title_is_the_byline() {
    // Avatar, name, date: a few lines under the title, the subtitle between.
    let page = format!(
        "Subscribe\n\nSign in\n\nClimate Tech Needs a Reboot\n\nA National Security Case for Building, Not Shrinking\n\nPete Mathias's avatar\n\nPete Mathias\n\nApr 08, 2025\n\nShare\n\n{PROSE_EN}"
    );
    let out = extract_page(&page, "https://example.org/p/climate-tech-needs-a-reboot");
    assert_eq!(out.title.as_deref(), Some("Climate Tech Needs a Reboot"));
    assert_eq!(kinds_of(&out, BlockKind::Byline), vec!["Pete Mathias · Apr 08, 2025"]);
}

#[test]
fn title_far_above_the_article_is_found_de() {
    // Headline, byline block, a picture and a long table of contents before the first prose.
    let mut page = String::from("Startseite\n\nPolitik\n\nBahn erhöht die Preise für Fernreisen\n\nVon Markus Huber\n\n04.06.2025, 09:15 Uhr\n\nEin ICE im Bahnhof\n\nInhalt\n\n");
    for n in 1..=30 {
        page.push_str(&format!("Abschnitt {n}\n\n"));
    }
    page.push_str("Die Deutsche Bahn erhöht zum Fahrplanwechsel die Preise im Fernverkehr um durchschnittlich vier Prozent.\n\nDer Fahrgastverband kritisierte die Erhöhung, weil die Pünktlichkeit der Züge im vergangenen Jahr gesunken sei.\n");
    let out = extract_page(&page, "https://zeitung.example/wirtschaft/bahn-erhoeht-die-preise-fuer-fernreisen");
    assert_eq!(out.title.as_deref(), Some("Bahn erhöht die Preise für Fernreisen"));
}

#[test]
fn a_headline_printed_twice_in_a_row_is_the_title_fr() {
    // The headline, then the same words as its picture's alt text.
    let page = "Accueil\n\nÉconomie\n\nLe port rouvre après la tempête\nLe port rouvre après la tempête\n\nÀ lire aussi sur le site\n\nLe port a rouvert lundi après une semaine de travaux, et les ferries circulent de nouveau entre les îles.\n\nLes premiers navires sont arrivés dans la matinée, selon la capitainerie du port.\n";
    let out = extract_page(page, "https://journal.example/eco/123");
    assert_eq!(out.title.as_deref(), Some("Le port rouvre après la tempête"));
}

#[test]
fn the_slug_prefers_the_headline_to_a_label_inside_it_es() {
    let page = "Inicio\n\nTrabajo remoto\n\n14 consejos para trabajar desde casa con éxito\n\nLa Junta de Castilla y León aprobó este jueves una guía con consejos para quienes trabajan desde casa.\n\nLa guía recoge recomendaciones sobre horarios, descansos y espacios de trabajo.\n";
    let out = extract_page(page, "https://diario.example/blog/consejos-trabajo-remoto-desde-casa");
    assert_eq!(out.title.as_deref(), Some("14 consejos para trabajar desde casa con éxito"));
}

#[test]
fn a_shop_page_is_named_by_its_short_path() {
    let pages = [
        (
            "https://shop.example/collections/air-purifiers",
            "Air Purifiers",
            "Medium Room Turbo Air Purifier",
            "Clean air in every room of the house, filtered quietly day and night by our best purifiers.",
        ),
        (
            "https://boutique.example/fr/collections/bouilloires",
            "Bouilloires",
            "Bouilloire électrique en inox 1,7 litre",
            "Une eau chaude en quelques minutes pour le thé, le café et la cuisine de tous les jours.",
        ),
        (
            "https://laden.example/de/kategorie/wasserkocher",
            "Wasserkocher",
            "Teekessel aus Edelstahl mit Temperaturwahl",
            "Heißes Wasser in wenigen Minuten für Tee, Kaffee und die Küche, leise und sparsam im Verbrauch.",
        ),
    ];
    for (url, heading, product, blurb) in pages {
        let page = format!("Home\nShop\nCart\n\n{heading}\n\n{product}\n\n{blurb}\n\n{blurb}\n");
        let out = extract_page(&page, url);
        assert_eq!(out.title.as_deref(), Some(heading), "{url}");
    }
}

#[test]
fn an_updated_date_gives_way_to_the_publication_date() {
    let pages = [
        ("Updated on June 9, 2025", "June 3, 2025", "en"),
        ("Mis à jour le 9 juin 2025", "3 juin 2025", "fr"),
        ("Aktualisiert am 09.06.2025", "03.06.2025", "de"),
        ("Actualizado el 9 de junio de 2025", "3 de junio de 2025", "es"),
    ];
    for (updated, published, lang) in pages {
        let page =
            format!("Council votes to fund the new bridge\n\nBy Jane Roe\n\n{updated}\n\n{published}\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/a/1");
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("By Jane Roe · {published}")], "{lang}");
        // Alone, it still dates the page.
        let page = format!("Council votes to fund the new bridge\n\nBy Jane Roe\n\n{updated}\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/a/1");
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("By Jane Roe · {updated}")], "{lang}");
    }
}

#[test]
fn a_headline_over_a_byline_label_beats_a_label_above_it() {
    let page = format!(
        "Home\n\nRemote Work\n\nFourteen tips for working from home\n\nWritten by\n\nChristian Eilers\n\n{PROSE_EN}"
    );
    let out = extract_page(&page, "https://example.org/a/1");
    assert_eq!(out.title.as_deref(), Some("Fourteen tips for working from home"));
}

#[test]
fn a_bare_story_keeps_its_short_lines() {
    // No menu, no widget label, no repeat: the itinerary is the story's own.
    let page = "CRICKET - ASHES ITINERARY FOR THE TOUR.\nLONDON 1996-08-30\nTour itinerary:\nMay 13 Arrive in London\nMay 14 Practice at Lord's\nMay 15 v Duke of Norfolk's XI (at Arundel)\nMay 17 v Northampton\n";
    let out = extract_page(page, "https://example.org/sport/ashes-itinerary");
    let kept: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
    for line in ["May 14 Practice at Lord's", "May 17 v Northampton"] {
        assert!(kept.contains(&line), "{line} missing from {kept:?}");
    }
    // With a menu line the page is a scraped page again: its short lines are weighed.
    let scraped = format!("Home\nNews\nSport\nContact us\n{page}");
    let out = extract_page(&scraped, "https://example.org/sport/ashes-itinerary");
    assert!(!out.blocks.iter().any(|b| b.text == "Contact us"));
}

/// `n` distinct sentences of prose, one a line.
fn prose_lines(n: usize) -> String {
    const WORDS: [&str; 12] =
        ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];
    WORDS[..n]
        .iter()
        .map(|i| {
            format!("Line {i} of the report says the council voted to fund a new bridge over the river, ending a debate that lasted many years.\n\n")
        })
        .collect()
}

#[test]
fn a_comments_header_after_the_article_ends_it() {
    let thread: String = (1..=12)
        .map(|i| format!("Reader {}\n\nsays\n\nI have lived by this river for years and I think the bridge is a waste of money, the ferry was good enough for all of us, {} times over.\n\n", "ABCDEFGHIJKL".chars().nth(i - 1).unwrap_or('Z'), ["once", "twice", "thrice", "again", "more", "still", "yet", "now", "then", "here", "there", "so"][i - 1]))
        .collect();
    for (header, lang) in [("12 Comments", "en"), ("Commentaires", "fr"), ("Kommentare", "de"), ("Comentarios", "es")] {
        let page = format!("Home\n\nCouncil votes to fund the new bridge\n\n{}{header}\n\n{thread}", prose_lines(10));
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert!(body.iter().any(|p| p.starts_with("Line juliet ")), "{lang}: {:?}", out.blocks);
        assert!(!body.iter().any(|p| p.contains("ferry")), "{lang}: {body:?}");
    }
}

#[test]
fn a_copyright_notice_after_the_article_ends_it() {
    // Under the notice: teaser cards whose one-sentence summaries weigh as prose.
    let cards: String = ["ferry", "harbour", "station", "school", "library", "market"]
        .iter()
        .map(|w| format!("Story about the {w}\n\nThe {w} story tells how the town spent the summer arguing about the {w} and what the mayor said about it in the end.\n\n"))
        .collect();
    for (notice, lang) in [
        ("© 2019 Acme News Inc. All Rights Reserved.", "en"),
        ("© 2024 Le Journal. Tous droits réservés.", "fr"),
        ("Copyright 2023 Die Zeitung. Alle Rechte vorbehalten.", "de"),
        ("© 2022 El Diario. Todos los derechos reservados.", "es"),
    ] {
        // A photo credit inside the article has no year: the article goes on under it.
        let page = format!(
            "Home\n\nCouncil votes to fund the new bridge\n\n{}© Reuters\n\n{}{notice}\n\n{cards}",
            prose_lines(5),
            prose_lines(10).split("\n\n").skip(5).collect::<Vec<_>>().join("\n\n")
        );
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert!(body.iter().any(|p| p.starts_with("Line juliet ")), "{lang}: {:?}", out.blocks);
        assert!(!body.iter().any(|p| p.contains("mayor")), "{lang}: {body:?}");
    }
}

#[test]
fn a_comment_prompt_under_every_answer_keeps_the_thread() {
    // "Add a comment" under the question and each answer: a Q&A page, all its text.
    let answer = |i: &str| {
        format!("Answer {i}: you should check the drivers first, then the disk, and only then reinstall the system if nothing else helps. A frozen laptop is most often a driver that hangs, and the event log says which one it was, so read it before you change anything. If the log is empty, run the memory test overnight and look at the temperatures under load.\n\nAdd a comment\n\n")
    };
    let page = format!(
        "Questions\n\nHow do I fix a frozen laptop\n\n{}Add a comment\n\n{}{}",
        prose_lines(10),
        answer("one"),
        answer("two")
    );
    let out = extract_page(&page, "https://example.org/questions/1/how-do-i-fix-a-frozen-laptop");
    let body = kinds_of(&out, BlockKind::Paragraph);
    assert!(body.iter().any(|p| p.starts_with("Answer two:")), "{:?}", out.blocks);
}

#[test]
fn a_byline_label_takes_names_that_stopword_lists_hold() {
    // "young", "sean" are stopwords in some language; a lone first name after a label is a name too.
    for (label, name, lang) in
        [("By", "Scott Young", "en"), ("Par", "Sean Higgins", "fr"), ("Von", "Marie", "de"), ("Por", "Juana", "es")]
    {
        let page =
            format!("Home\n\nCouncil votes to fund the new bridge\n\n{label}\n\n{name}\n\nJune 3, 2025\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("{label} {name} · June 3, 2025")], "{lang}");
    }
}

#[test]
fn a_date_away_from_the_title_still_dates_the_page() {
    for (date, lang) in
        [("March 3, 2025", "en"), ("3 mars 2025", "fr"), ("3. März 2025", "de"), ("3 de marzo de 2025", "es")]
    {
        let page = format!("{date}\n\nNews\n\nPolitics\n\nWorld\n\nSport\n\nCulture\n\nCouncil votes to fund the new bridge\n\nBy Jane Roe\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("By Jane Roe · {date}")], "{lang}");
    }
}

#[test]
fn a_date_under_the_article_dates_the_page_when_none_is_above() {
    for (date, lang) in [
        ("First published on March 3, 2025", "en"),
        ("Publié le 3 mars 2025", "fr"),
        ("Veröffentlicht am 3. März 2025", "de"),
        ("Publicado el 3 de marzo de 2025", "es"),
    ] {
        let page = format!(
            "News\n\nCouncil votes to fund the new bridge\n\nBy Jane Roe\n\n{}Share\n\nPrint\n\n{date}\n\nWeather\n\nSport\n",
            prose_lines(12)
        );
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec![format!("By Jane Roe · {date}")], "{lang}");
    }
}

#[test]
fn a_title_a_few_lines_into_the_run_is_found() {
    // A promotion in prose above the menu starts the run; the headline matching the slug is further down.
    let page = format!(
        "Home\n\nOur newsletter brings you the best local stories every morning, and it is free for every reader who signs up.\n\nShop\n\nCart\n\nDeals\n\nHelp\n\nStores\n\nGifts\n\nCouncil votes to fund the new bridge\n\n{}",
        prose_lines(4)
    );
    let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
    assert_eq!(out.title.as_deref(), Some("Council votes to fund the new bridge"));
}

#[test]
fn a_byline_away_from_the_title_still_names_the_author() {
    for (byline, lang) in
        [("By Jane Roe", "en"), ("Par Marie Dupont", "fr"), ("Von Markus Huber", "de"), ("Por Ana López", "es")]
    {
        let page = format!("{byline}\n\nNews\n\nPolitics\n\nWorld\n\nSport\n\nCulture\n\nCouncil votes to fund the new bridge\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        assert_eq!(kinds_of(&out, BlockKind::Byline), vec![byline], "{lang}");
    }
}

#[test]
fn a_name_with_its_job_title_is_the_author_not_the_title() {
    let cases = [
        ("Jane Roe | Senior Editor", "Jane Roe", "en"),
        ("Marie Curie, journaliste", "Marie Curie", "fr"),
        ("Lena Vogt (Redakteurin)", "Lena Vogt", "de"),
        ("Ana López – Periodista", "Ana López", "es"),
    ];
    for (line, name, lang) in cases {
        let page =
            format!("Home\n\nNews\n\nCouncil votes to fund the new bridge\n\n{line}\n\nJune 3, 2025\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/news/123");
        assert_eq!(out.title.as_deref(), Some("Council votes to fund the new bridge"), "{lang}");
        assert_eq!(out.authors, vec![name.to_string()], "{lang}");
        // Even right above the article, a name with its job title is never the headline.
        let page = format!("Home\n\n{line}\n\n{PROSE_EN}");
        assert_ne!(extract_page(&page, "").title.as_deref(), Some(line), "{lang}");
    }
}

#[test]
fn one_word_names_count_beside_a_byline_word_or_the_date() {
    let cases = [
        ("By Anthony", "Anthony", "en"),
        ("Par Amélie", "Amélie", "fr"),
        ("Von Stefan", "Stefan", "de"),
        ("Por Lucía", "Lucía", "es"),
        ("Yucy", "Yucy", "bare name above the date"),
    ];
    for (line, name, lang) in cases {
        let page = format!("Home\n\nGuides\n\nHow to plant a tree in autumn\n\n{line}\n\n3/4/2025\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/guides/how-to-plant-a-tree");
        assert_eq!(out.authors, vec![name.to_string()], "{lang}");
    }
}

#[test]
fn shop_by_and_browse_by_are_no_bylines() {
    for (label, lang) in [
        ("Shop by Brand", "en"),
        ("Browse by Category", "en"),
        ("Trier par Prix", "fr"),
        ("Sortieren nach Preis", "de"),
        ("Ordenar por Precio", "es"),
    ] {
        let page = format!("Shop\n\nGarden Accessories\n\n{label}\n\nFeatured Items\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/garden-accessories");
        assert!(out.authors.is_empty(), "{lang}: {:?}", out.authors);
        assert!(kinds_of(&out, BlockKind::Byline).is_empty(), "{lang}: {:?}", out.blocks);
    }
}

#[test]
fn an_alt_text_printed_under_every_picture_is_not_the_title() {
    let mut page =
        String::from("Home\n\nTravel\n\nHiking the ridge above the lake\n\nby Regan Stone\n\nSeptember 15, 2014\n\n");
    for _ in 0..4 {
        page.push_str("Trail Kit with Water Bottles #sponsored\n\n");
        page.push_str(PROSE_EN);
        page.push_str("\n\n");
    }
    let out = extract_page(&page, "https://example.org/2014/09/15/hiking");
    assert_eq!(out.title.as_deref(), Some("Hiking the ridge above the lake"));
    assert_eq!(out.authors, vec!["Regan Stone".to_string()]);
}

#[test]
fn a_name_apart_from_the_date_by_a_handle_and_a_bullet_is_the_author() {
    let page = format!(
        "Blog\n\nHow to tune a database for speed\n\nNawaz Dhandala\n\n@nawaz\n\n•\n\nJan 26, 2026\n\n{PROSE_EN}"
    );
    let out = extract_page(&page, "https://example.org/blog/how-to-tune-a-database");
    assert_eq!(out.title.as_deref(), Some("How to tune a database for speed"));
    assert_eq!(out.authors, vec!["Nawaz Dhandala".to_string()]);
    // "Fact checked by:" names a checker, not the author.
    let page = format!("Blog\n\nHow to tune a database for speed\n\nFact checked by: Hilary Snow\n\n{PROSE_EN}");
    let out = extract_page(&page, "https://example.org/blog/how-to-tune-a-database");
    assert!(out.authors.is_empty(), "{:?}", out.authors);
}

#[test]
fn a_dateline_above_the_article_is_its_first_words() {
    let page = "Heridos tres conductores en la autovía\nMadrid, 23 may (EFE).\n-\nTres personas resultaron esta tarde heridas al salirse de la vía y volcar el turismo en el que viajaban, informó un portavoz.\n";
    let out = extract_page(page, "");
    let t = texts(&out.blocks);
    assert_eq!(t.first(), Some(&(BlockKind::Paragraph, "Madrid, 23 may (EFE).")), "{t:?}");
    assert!(!t.iter().any(|(_, x)| *x == "-"), "{t:?}");
    let page = "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY.\nLONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four for 38 on Friday as Leicestershire beat Somerset by an innings and 39 runs in two days.\n";
    let out = extract_page(page, "");
    let t = texts(&out.blocks);
    assert!(t.iter().any(|(_, x)| *x == "LONDON 1996-08-30"), "{t:?}");
    // A dateline closing a line that opens with the wire's codes is kept too.
    let page = "Heridos tres conductores en la autovía\nEFE vm-c Pamplona, 23 may (EFE).\n-\nTres personas resultaron esta tarde heridas al salirse de la vía y volcar el turismo en el que viajaban, informó un portavoz.\n";
    let out = extract_page(page, "");
    let t = texts(&out.blocks);
    assert_eq!(t.first(), Some(&(BlockKind::Paragraph, "EFE vm-c Pamplona, 23 may (EFE).")), "{t:?}");
}

#[test]
fn a_dateline_closing_the_byline_is_no_part_of_the_author() {
    for (page, author, dateline) in [
        (
            "Heridos tres conductores en la autovía\nPor Ana María Soler Madrid, 23 may (EFE).\nTres personas resultaron esta tarde heridas al salirse de la vía y volcar el turismo en el que viajaban, informó un portavoz de los bomberos.\n",
            "Ana María Soler",
            "Madrid, 23 may (EFE).",
        ),
        (
            "Le conseil vote le budget du pont\nPar Jean Roux Paris, 23 mai (AFP).\nLe conseil municipal a voté mardi le financement d'un nouveau pont sur la rivière, après dix ans de débats et trois projets.\n",
            "Jean Roux",
            "Paris, 23 mai (AFP).",
        ),
    ] {
        let out = extract_page(page, "");
        assert_eq!(out.authors, vec![author.to_string()]);
        let t = texts(&out.blocks);
        assert!(t.iter().any(|(k, x)| *k == BlockKind::Paragraph && *x == dateline), "{t:?}");
    }
}

#[test]
fn a_name_under_an_author_box_label_is_the_author_when_no_byline_is_near_the_title() {
    let paras = [
        "Le conseil a voté mardi le financement d'un nouveau pont sur la rivière, après dix ans de débats.",
        "Der Rat hat am Dienstag beschlossen, eine neue Brücke über den Fluss zu bauen, nach zehn Jahren Streit.",
        "El consejo votó el martes la financiación de un nuevo puente sobre el río, tras diez años de debate.",
    ];
    let cases = [
        ("About the author", "Jane Roe", PROSE_EN.to_string()),
        ("À propos de l'auteur", "Jean Dupont", paras[0].repeat(3)),
        ("Über den Autor", "Hans Müller", paras[1].repeat(3)),
        ("Sobre el autor", "Lucía García", paras[2].repeat(3)),
        ("Published by", "Jane Roe", PROSE_EN.to_string()),
    ];
    // The box sits under the article, past related links: far from the title.
    let related: String = (1..=16).map(|k| format!("Related story number {k}\n")).collect();
    for (label, name, prose) in cases {
        let page = format!("Menu\nThe bridge gets its funding\n{prose}\n{related}{label}\n{name}\nShare\n");
        let out = extract_page(&page, "https://example.org/news/the-bridge-gets-its-funding");
        assert_eq!(out.authors, vec![name.to_string()], "{label}");
    }
    // A name with no label above it is not taken for the author.
    let page = format!("Menu\nThe bridge gets its funding\n{PROSE_EN}\n{related}Jane Roe\nShare\n");
    assert!(extract_page(&page, "").authors.is_empty());
}

#[test]
fn a_pipe_before_a_byline_label_is_layout() {
    let page =
        format!("Blog\n\nHow to tune a database for speed\n\nJan 26, 2026\n\n| By\n\nNawaz Dhandala\n\n{PROSE_EN}");
    let out = extract_page(&page, "https://example.org/blog/how-to-tune-a-database");
    assert_eq!(out.authors, vec!["Nawaz Dhandala".to_string()]);
}

#[test]
fn a_byline_word_alone_on_a_line_starts_the_byline() {
    // One DOM text node a line: "by" is not run into the tag above it.
    for (word, name) in [("by", "Emily Baron"), ("par", "Marie Dupont"), ("von", "Markus Huber"), ("por", "Ana López")]
    {
        let page = format!("Menu\n\nSix gardening shows to watch this autumn\n\n#Plants & Crops\n{word}\n{name}\n\nOctober 10, 2021\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/six-gardening-shows-to-watch");
        assert_eq!(out.authors, vec![name.to_string()], "{word}");
    }
    // After a participle it stays the label's: a reviewer is not the author.
    let page = format!("Menu\n\nSix gardening shows to watch this autumn\n\nMedically reviewed\nby\nKim Rose\n\nWritten by Jane Roe\n\n{PROSE_EN}");
    assert_eq!(extract_page(&page, "").authors, vec!["Jane Roe".to_string()]);
}

#[test]
fn a_label_ending_in_by_takes_the_name_on_the_next_line() {
    for label in [
        "Posted on June 3, 2025 by",
        "Publié le 3 juin 2025 par",
        "Veröffentlicht am 3. Juni 2025 von",
        "Publicado el 3 de junio de 2025 por",
    ] {
        let page = format!("Home\n\nCouncil votes to fund the new bridge\n\n{label}\n\nJane Roe\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        assert_eq!(out.authors, vec!["Jane Roe".to_string()], "{label}");
    }
    // A second "by" under the label, and the name under it.
    let page = format!(
        "Home\n\nCouncil votes to fund the new bridge\n\nWritten by\n\nby\n\nJane Roe\n\nJune 3, 2025\n\n{PROSE_EN}"
    );
    assert_eq!(extract_page(&page, "").authors, vec!["Jane Roe".to_string()]);
    // Under a "by" label the name is never the line above it.
    let page = format!(
        "Home\n\nScalable interpretability for large models\n\nInterpretability\n\nby\n\n18th Dec 2025\n\n{PROSE_EN}"
    );
    assert!(extract_page(&page, "").authors.is_empty());
}

#[test]
fn a_handle_counts_under_a_by_label_or_a_thread_starter_label() {
    for (label, handle) in [("by", "jsteinhardt"), ("Thread starter", "piizog"), ("Themenstarter", "kaeptn_blaubaer")] {
        let page =
            format!("Forums\n\nThe year of the desktop at last\n\n{label}\n\n{handle}\n\nJan 2, 2024\n\n{PROSE_EN}");
        let out = extract_page(&page, "https://example.org/threads/the-year-of-the-desktop");
        assert_eq!(out.authors, vec![handle.to_string()], "{label}");
    }
    // A label with no name beside it names no one, nor is it a name itself.
    let page = format!(
        "Forums\n\nThe year of the desktop at last\n\nThread starter\n\nStart date\n\nJan 2, 2024\n\n{PROSE_EN}"
    );
    let out = extract_page(&page, "");
    assert!(out.authors.is_empty());
    assert!(!kinds_of(&out, BlockKind::Byline).iter().any(|b| b.contains("starter")), "{:?}", out.blocks);
    let page = format!(
        "Forums\n\nThe year of the desktop at last\n\n{PROSE_EN}\nMember\n\nThread Starter\n\nJoin Date: Apr 2001\n"
    );
    assert!(extract_page(&page, "").authors.is_empty());
}

#[test]
fn names_under_a_label_lose_their_credentials_and_split_into_a_list() {
    let cases = [
        ("Dylan Bailey, MS, RD", vec!["Dylan Bailey"]),
        ("Moses Kim and Kate Lee", vec!["Moses Kim", "Kate Lee"]),
        ("Léa Martin et Paul Roux", vec!["Léa Martin", "Paul Roux"]),
        ("Ana López y Javier Ruiz", vec!["Ana López", "Javier Ruiz"]),
    ];
    for (names, want) in cases {
        let page = format!(
            "Home\n\nCouncil votes to fund the new bridge\n\nWritten by\n\n{names}\n\nJune 3, 2025\n\n{PROSE_EN}"
        );
        assert_eq!(extract_page(&page, "").authors, want, "{names}");
    }
    // The name's own scraper line, when text under it was run into it.
    let page = format!("Home\n\nCouncil votes to fund the new bridge\n\nWritten by\n\nDan Roe\naverage reading time:\n5\nminutes\n\n{PROSE_EN}");
    assert_eq!(extract_page(&page, "").authors, vec!["Dan Roe".to_string()]);
    assert_eq!(head::before_credentials("Elle Roe M.P.H., R.D."), Some(9));
    assert_eq!(head::before_credentials("BY JANE ROE"), None, "capitals are no credentials");
    assert_eq!(head::before_credentials("Jane Roe, Contributor"), None);
    assert_eq!(head::before_credentials("Toddler Sleep Training FAQ"), None, "no comma, no dots");
    assert_eq!(head::before_credentials("Holly Roe, E-RYT 200"), Some(11));
}

#[test]
fn a_name_under_its_pictures_alt_text_is_the_author() {
    for alt in
        ["Matt Roe avatar", "Picture of Matt Roe", "Foto von Matt Roe", "Photo de Matt Roe", "Imagen de Matt Roe"]
    {
        let page = format!(
            "Home\n\nSixteen tips for cleaner code\n\nBy\n\n{alt}\n\nMatt Roe\n\non\n\nDec. 13, 2025\n\n{PROSE_EN}"
        );
        assert_eq!(extract_page(&page, "").authors, vec!["Matt Roe".to_string()], "{alt}");
    }
    // A sentence about a picture is no alt text.
    let page = format!("Home\n\nThe healthy eating plate\n\n{PROSE_EN}\nClick on each section of the interactive image below to learn more.\n\nLearn More\n\nLooking for a printable copy?\n");
    assert!(extract_page(&page, "").authors.is_empty());
}

#[test]
fn a_name_printed_twice_beside_the_date_is_the_byline_not_the_title() {
    for date in ["Published Jun 4, 2025", "4 juin 2025", "4. Juni 2025", "4 de junio de 2025"] {
        let page = format!("Menu\n\nFive trends from the nutrition meeting\nFive trends from the nutrition meeting\nReport this article\nDylan Bailey\nDylan Bailey\n{date}\n+ Follow\n\n{PROSE_EN}");
        let out = extract_page(&page, "");
        assert_eq!(out.title.as_deref(), Some("Five trends from the nutrition meeting"), "{date}");
        assert_eq!(out.authors, vec!["Dylan Bailey".to_string()], "{date}");
    }
}

/// Not a check: writes the title candidates of the pages in `TITLE_DUMP_IN`
/// (JSON lines of id, url, text) with their features to `TITLE_DUMP_OUT`,
/// for tools/title-ranker/fit.py, and prints the text path's time per page.
#[test]
#[ignore = "a tool, not a check: tools/title-ranker/fit.py runs it"]
fn dump_title_candidates() {
    use std::io::{BufRead, Write};
    let (Ok(input), Ok(output)) = (std::env::var("TITLE_DUMP_IN"), std::env::var("TITLE_DUMP_OUT")) else { return };
    let mut out = std::io::BufWriter::new(std::fs::File::create(output).unwrap());
    let mut pages = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(input).unwrap()).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let get = |k: &str| v[k].as_str().unwrap_or("").to_string();
        pages.push((get("id"), get("url"), get("text")));
    }
    for (id, url, text) in &pages {
        let lines = read_lines(text);
        let run = if lines.is_empty() { None } else { article_run(&lines, true) };
        // The run `extract_page` reads the head around.
        let run = run.map(|(start, end, total)| {
            if !(total >= MIN_RUN || lines.len() < LONG_PAGE) {
                return if cut_short_after(&lines, end) { (start, end + 1) } else { (start, end) };
            }
            if lines.len() >= LONG_PAGE && scattered(&lines, start, end) {
                return (start, end);
            }
            match article_run(&lines, false) {
                Some((s, _, _)) if s > start && s <= end => (s, end),
                _ => (start, end),
            }
        });
        let cands: Vec<serde_json::Value> = run
            .map(|(s, e)| title::candidates(&lines, s, e, url))
            .unwrap_or_default()
            .iter()
            .map(|c| {
                let (a, b) = head::quoted_title(&lines[c.line].text, title::finish(&lines, c, url));
                serde_json::json!({"t": c.text(&lines), "p": &lines[c.line].text[a..b], "i": c.line, "f": c.features.to_vec()})
            })
            .collect();
        let lines_out: Vec<serde_json::Value> = run
            .map(|(s, e)| title::reasons(&lines, s, e, url))
            .unwrap_or_default()
            .iter()
            .map(|&(i, why)| serde_json::json!([i, &lines[i].text, why]))
            .collect();
        let run = run.map(|(s, e)| vec![s, e]);
        writeln!(out, "{}", serde_json::json!({"id": id, "cands": cands, "run": run, "lines": lines_out})).unwrap();
    }
    let t0 = std::time::Instant::now();
    for _ in 0..3 {
        for (_, url, text) in &pages {
            std::hint::black_box(extract_page(text, url));
        }
    }
    let per_page = |t: std::time::Instant| t.elapsed().as_secs_f64() * 1e6 / (3 * pages.len()) as f64;
    eprintln!("text path: {:.1} us/page", per_page(t0));
    let t0 = std::time::Instant::now();
    for _ in 0..3 {
        for (_, _, text) in &pages {
            let lines = read_lines(text);
            std::hint::black_box(if lines.is_empty() { None } else { article_run(&lines, true) });
        }
    }
    eprintln!("lines and run: {:.1} us/page", per_page(t0));
}

#[test]
fn a_reply_or_comments_header_gives_the_quoted_title() {
    let cases = [
        ("Re: Starting a brackish aquarium!", "Starting a brackish aquarium!"),
        ("2 responses to “The best strategy games so far”", "The best strategy games so far"),
        ("Rép : Démarrer un aquarium d'eau saumâtre", "Démarrer un aquarium d'eau saumâtre"),
        ("3 commentaires sur « Le port rouvre enfin »", "Le port rouvre enfin"),
        ("AW: Aquarium mit Brackwasser einrichten", "Aquarium mit Brackwasser einrichten"),
        ("5 Kommentare zu „Der Hafen öffnet wieder“", "Der Hafen öffnet wieder"),
        ("RE: Montar un acuario de agua salobre", "Montar un acuario de agua salobre"),
        ("4 respuestas a “El puerto reabre”", "El puerto reabre"),
        // The comments words come from the boilerplate vocabulary, Portuguese included.
        ("2 comentários em “O porto reabre”", "O porto reabre"),
        // No reply prefix, no comments word: the line is the title.
        ("Rezept: Apfelkuchen wie bei Oma", "Rezept: Apfelkuchen wie bei Oma"),
        ("10 lessons from “The Wire”", "10 lessons from “The Wire”"),
    ];
    for (line, want) in cases {
        let (s, e) = head::quoted_title(line, (0, line.len()));
        assert_eq!(&line[s..e], want);
    }
    let page = "Forums\n\nRe: Starting a brackish aquarium!\n\nI have kept freshwater tanks for years, and now I would like to try a brackish one with a few puffers. What salinity should I start with, and how fast can I raise it?\n";
    let out = extract_page(page, "");
    assert_eq!(out.title.as_deref(), Some("Starting a brackish aquarium!"));
}

#[test]
fn comment_headers_after_the_article_end_it_without_a_comments_header() {
    for (says, stamp, reply, lang) in [
        ("says:", "March 3, 2019 at 4:12 pm", "Reply", "en"),
        ("a dit :", "3 mars 2019 à 16 h 12", "Répondre", "fr"),
        ("schreibt:", "3. März 2019 um 16:12 Uhr", "Antworten", "de"),
        ("dice:", "3 de marzo de 2019 a las 16:12", "Responder", "es"),
    ] {
        // The name on a line of its own or on the verb's line, as scrapers split them.
        let thread: String = ["Ann", "Bob Stone", "Carla", "Dieter Marx", "Eve"]
            .iter()
            .map(|name| format!("{name}\n{says}\n{stamp}\nI have lived by this river for years and I think the bridge is a waste of money, the ferry was good enough for all of us.\n{reply}\n"))
            .collect();
        let page = format!("Home\n\nCouncil votes to fund the new bridge\n\n{}{thread}", prose_lines(10));
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert!(body.iter().any(|p| p.starts_with("Line juliet ")), "{lang}: {:?}", out.blocks);
        assert!(!body.iter().any(|p| p.contains("ferry") || p.contains("Ann")), "{lang}: {body:?}");
    }
    // An interview's "The mayor says:" before a quote stays: no stamp under it.
    let quotes =
        "The mayor says:\nWe waited twenty years for this bridge and the town will finally be whole again, she said.\n";
    let page = format!("Home\n\nCouncil votes to fund the new bridge\n\n{}{quotes}{quotes}", prose_lines(10));
    let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
    assert!(kinds_of(&out, BlockKind::Paragraph).iter().any(|p| p.contains("twenty years")), "{:?}", out.blocks);
}

#[test]
fn a_run_starting_inside_a_comment_thread_gives_way_to_the_article_above() {
    for (header, says, stamp, reply, lang) in [
        ("Comments", "says", "March 3, 2019 at 4:12 pm", "Reply", "en"),
        ("Commentaires", "a dit :", "3 mars 2019 à 16 h 12", "Répondre", "fr"),
        ("Kommentare", "schreibt:", "3. März 2019 um 16:12 Uhr", "Antworten", "de"),
        ("Comentarios", "dice:", "3 de marzo de 2019 a las 16:12", "Responder", "es"),
    ] {
        // A short article under a long thread of long comments, which outweighs it.
        let thread: String = ["Ann", "Bob Stone", "Carla", "Dieter Marx", "Eve", "Fred", "Gina", "Hal"]
            .iter()
            .map(|name| format!("{name}\n{says}\n{stamp}\nI have lived by this river for years and I think the bridge is a waste of money, the ferry was good enough for all of us and it still is, whatever the council says about the traffic on the old road in the summer months.\n{reply}\n"))
            .collect();
        // Share buttons between them: the article's run ends before the thread.
        let share: String = [
            "Facebook",
            "Twitter",
            "Pinterest",
            "LinkedIn",
            "Reddit",
            "WhatsApp",
            "Telegram",
            "Tumblr",
            "Email",
            "Print",
        ]
        .iter()
        .map(|site| format!("Share on {site}\n{site}\n"))
        .collect();
        let page =
            format!("Home\n\nCouncil votes to fund the new bridge\n\n{}{share}{header}\n{thread}", prose_lines(4));
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert!(body.iter().any(|p| p.starts_with("Line alpha ")), "{lang}: {:?}", out.blocks);
        assert!(!body.iter().any(|p| p.contains("ferry")), "{lang}: {body:?}");
    }
}

#[test]
fn a_header_counting_the_replies_to_the_title_ends_the_article() {
    for (header, stamp, reply, lang) in [
        ("3 thoughts on “Council votes to fund the new bridge”", "March 3, 2019 at 4:12 pm", "Reply", "en"),
        ("3 commentaires sur « Le conseil finance le nouveau pont »", "3 mars 2019 à 16 h 12", "Répondre", "fr"),
        ("3 Kommentare zu „Der Rat finanziert die neue Brücke“", "3. März 2019 um 16:12 Uhr", "Antworten", "de"),
        ("3 respuestas a “El consejo financia el nuevo puente”", "3 de marzo de 2019 a las 16:12", "Responder", "es"),
    ] {
        // No "says" under the names: only the header tells the thread from the article.
        let thread: String = ["Ann", "Bob Stone", "Carla"]
            .iter()
            .map(|name| format!("{name}\n{stamp}\nI have lived by this river for years and I think the bridge is a waste of money, the ferry was good enough for all of us.\n{reply}\n"))
            .collect();
        let page = format!("Home\n\nCouncil votes to fund the new bridge\n\n{}{header}\n{thread}", prose_lines(10));
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert!(body.iter().any(|p| p.starts_with("Line juliet ")), "{lang}: {:?}", out.blocks);
        assert!(!body.iter().any(|p| p.contains("ferry") || p.contains("Bob Stone")), "{lang}: {body:?}");
    }
}

#[test]
fn an_author_box_under_the_related_list_names_the_author() {
    for (label, name, lang) in [
        ("Written by", "Jane Roe", "en"),
        ("Écrit par", "Jeanne Roux", "fr"),
        ("Von", "Johanna Roth", "de"),
        ("Por", "Juana Rojas", "es"),
    ] {
        // The label on a line of its own over the name, past the teaser list.
        let page = format!(
            "Home\n\nCouncil votes to fund the new bridge\n\n{}Read also\n\nThe ferry will stop running next spring, the council says\n\nA new school opens in the old market hall\n\nThe library will close for the summer, the mayor said\n\n{label}\n{name}\n{name} writes about towns and rivers for the paper, and has done so for many years now.\nRecent Posts\nThe ferry will stop running next spring\n",
            prose_lines(10)
        );
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        assert_eq!(out.authors, vec![name.to_string()], "{lang}: {:?}", out.blocks);
    }
}

#[test]
fn a_writing_verb_opens_a_byline_in_each_language() {
    let byline = |text: &str| head::is_byline_line(&read_lines(text)[0]);
    for line in [
        "Written by Jane Roe",
        "Écrit par Jeanne Roux",
        "Geschrieben von Johanna Roth",
        "Escrito por Juana Rojas",
        "Scritto di Giovanna Rossi",
        "Geschreven door Johanna de Rooij",
    ] {
        assert!(byline(line), "{line}");
    }
    // No writing verb before the byline word: a menu, a sort order.
    for line in ["Shop by Brand", "Sortiert von A bis Z", "Ordenar por Precio"] {
        assert!(!byline(line), "{line}");
    }
}

#[test]
fn the_article_ends_above_its_authors_biography_en_fr() {
    let para = |n: &str| {
        format!("The {n} paragraph tells how the harbour reopened after a week of repairs, and how the ferries run again on time.")
    };
    let page = format!(
        "Harbour reopens after repairs\nBy Jane Roe\n{}\n{}\n{}\nJane Roe is a reporter who has covered transport and the harbour for the paper since 2015.\nShe lives by the sea with two cats and a boat of her own.\n",
        para("first"),
        para("second"),
        para("third")
    );
    let out = extract_page(&page, "https://example.org/news/harbour-reopens-after-repairs");
    assert_eq!(out.authors, vec!["Jane Roe"]);
    let body = kinds_of(&out, BlockKind::Paragraph);
    assert_eq!(body.len(), 3, "{body:?}");
    let page = "Le port rouvre après les travaux\nPar Jeanne Roux\nLe premier paragraphe raconte comment le port a rouvert après une semaine de travaux, et les ferries repartent.\nLe deuxième paragraphe raconte comment les quais ont été refaits, et comment les pêcheurs sont revenus.\nJeanne Roux est une journaliste qui couvre les transports et le port pour le journal depuis 2015.\n";
    let out = extract_page(page, "https://example.org/port-rouvre");
    assert_eq!(out.authors, vec!["Jeanne Roux"]);
    assert!(out.blocks.iter().all(|b| !b.text.contains("journaliste")), "{:?}", texts(&out.blocks));
}

#[test]
fn a_name_over_its_own_introduction_is_the_author_en_de() {
    let page = "Harbour reopens after repairs\nThe first paragraph tells how the harbour reopened after a week of repairs, and the ferries run again.\nThe second paragraph tells how the quays were rebuilt, and how the fishermen came back to the port.\nShare\nJane Roe\nI'm a nurse and writer who has covered health and the sea for ten years.\n";
    assert_eq!(extract_page(page, "").authors, vec!["Jane Roe"]);
    let page = "Der Hafen öffnet wieder\nDer erste Absatz erzählt, wie der Hafen nach einer Woche Arbeit wieder öffnete, und die Fähren fahren wieder.\nDer zweite Absatz erzählt, wie die Kais erneuert wurden und die Fischer in den Hafen zurückkamen.\nTeilen\nMaria Schmidt\nIch bin Redakteurin und schreibe seit zehn Jahren über Häfen und Schiffe.\n";
    assert_eq!(extract_page(page, "").authors, vec!["Maria Schmidt"]);
    // A customer's testimonial under another's is no author box.
    let page = "Our shop\nWe sell boots and coats made by hand in our workshop by the harbour, and ship them all over the country.\nLaura Diaz\nI bought a coat here last winter and I can only recommend the shop to everyone.\nAlice Roe\nI am a regular customer and always happy with the quality of the boots and coats.\n";
    assert!(extract_page(page, "").authors.is_empty());
}

#[test]
fn the_headline_printed_again_under_the_date_is_no_author_en() {
    let page = "Menu\nTop Weight Loss Medications\nJuly 29, 2025\nTop Weight Loss Medications\nThe first paragraph explains which medications help people lose weight and what they do to the body.\nThe second paragraph explains what the treatments cost and who can get them through their insurance.\n";
    let out = extract_page(page, "");
    assert_eq!(out.title.as_deref(), Some("Top Weight Loss Medications"));
    assert!(out.authors.is_empty(), "{:?}", out.authors);
}

#[test]
fn a_name_under_the_picture_naming_it_is_the_author_unless_many_are_pictured_en_fr() {
    let page = "Harbour reopens after repairs\nThe first paragraph tells how the harbour reopened after a week of repairs, and the ferries run again.\nThe second paragraph tells how the quays were rebuilt, and how the fishermen came back to the port.\nThe third paragraph tells how the town celebrated the reopening with a market on the quays.\nThe fourth paragraph tells what the people of the town think of the works and of their cost.\nShare\nHeadshot of Jane Roe, Staff Writer\nJane Roe\nStart free trial\n";
    assert_eq!(extract_page(page, "").authors, vec!["Jane Roe"]);
    let page = "Le port rouvre\nLe premier paragraphe raconte comment le port a rouvert après une semaine de travaux, et les ferries repartent.\nLe deuxième paragraphe raconte comment les quais ont été refaits, et comment les pêcheurs sont revenus.\nLe troisième paragraphe raconte comment la ville a fêté la réouverture du port avec un grand marché.\nLe quatrième paragraphe raconte ce que les habitants pensent des travaux et de leur coût pour la ville.\nPartager\nPhoto de Jeanne Roux\nJeanne Roux\nRépondre\nPhoto de Marie Dupont\nMarie Dupont\n";
    let authors = extract_page(page, "").authors;
    assert!(authors.is_empty(), "{authors:?}");
}

#[test]
fn a_page_whose_prose_no_run_dominates_is_kept_whole() {
    // A manual cut up by code: each section's prose is a run of its own, none
    // holds two fifths of the page's prose, so the page is kept, not one section.
    let mut page = String::from("Skip to content\nParser manual\n");
    let names = ["alpha", "beta", "gamma", "delta"];
    for name in names {
        let sentence =
            format!("The {name} stage reads the file line by line, and it keeps what the user wrote in it. ");
        page.push_str(sentence.repeat(6).trim_end());
        page.push('\n');
        // Distinct short lines (digits alone would make them one repeated line).
        for a in 'a'..='h' {
            for b in 'a'..='h' {
                page.push_str(&format!("Option {a}{b} of {name}\n"));
            }
        }
    }
    page.push_str("Privacy Policy\n");
    let out = extract_page(&page, "");
    let body: Vec<&str> = kinds_of(&out, BlockKind::Paragraph);
    for name in names {
        assert!(body.iter().any(|b| b.starts_with(&format!("The {name} stage"))), "{name} missing: {body:?}");
    }
}

#[test]
fn a_menu_printed_on_one_line_is_not_prose_pt() {
    // A renderer's nested list: the "o" items join their parent line, and "o"
    // is a Portuguese stopword, so the menu read as a long sentence.
    let page = "* Início\n  + Marcas\n    o adidas\n    o ASICS\n    o Nike\n    o Puma\n    o Reebok\n    o Fila\n    o Umbro\n    o Kappa\n    o Mizuno\n    o Olympikus\n\
        A nova coleção de tênis chega às lojas\n\
        A marca apresentou nesta terça-feira a nova coleção de tênis de corrida, que chega às lojas em março.\n\
        Os modelos foram desenvolvidos com atletas e custam entre trezentos e seiscentos reais, segundo a empresa.\n\
        A empresa disse que a produção será feita no Brasil e que a coleção terá edições limitadas ao longo do ano.\n\
        Política de privacidade\nContato\n";
    let out = extract_page(page, "");
    let body = kinds_of(&out, BlockKind::Paragraph);
    assert_eq!(out.title.as_deref(), Some("A nova coleção de tênis chega às lojas"));
    assert_eq!(body.len(), 3, "{body:#?}");
    assert!(!body.iter().any(|b| b.contains("adidas")), "{body:#?}");
}

/// An article of two long paragraphs in a row, then teaser cards: a
/// headline, a one-sentence summary, a picture's name, with no header.
fn with_card_tail(paragraphs: [&str; 3], cards: [(&str, &str); 3]) -> String {
    let mut page = String::from("Menu\nHome\n");
    // Three long paragraphs (1,000+ of prose weight), each two of the sentences.
    for i in 0..3 {
        page.push_str(&format!("{} {}\n", paragraphs[i], paragraphs[(i + 1) % 3]));
    }
    for (i, (headline, summary)) in cards.iter().enumerate() {
        page.push_str(&format!("photo_{i}.jpg\nNews\n{headline}\n{summary}\nShare\n"));
    }
    page.push_str("Contact\n");
    page
}

fn assert_cards_left_out(page: &str, paragraphs: [&str; 3], cards: [(&str, &str); 3]) {
    let out = extract_page(page, "");
    let body = kinds_of(&out, BlockKind::Paragraph);
    for p in paragraphs {
        assert!(body.iter().any(|b| b.starts_with(p)), "{p:?} missing from {body:?}");
    }
    for (headline, summary) in cards {
        assert!(!body.contains(&summary) && !body.contains(&headline), "{summary:?} in {body:?}");
    }
}

#[test]
fn teaser_cards_after_the_article_stay_out_of_its_body() {
    let cases: [([&str; 3], [(&str, &str); 3]); 4] = [
        (
            [
                "The city council approved the new budget on Tuesday evening after a long debate about the cost of repairing the old bridges, which have been closed to lorries since the spring floods damaged their supports.",
                "The mayor said the first works would start in the autumn and that the bridges should reopen to all traffic before the end of next year, once engineers have checked every pillar and replaced the worst of them.",
                "Opposition members voted against the plan, arguing that the money should have gone to the schools first, and they promised to raise the question again at the next meeting of the council in the new year.",
            ],
            [
                ("Harbour ferries return after repairs", "The ferries to the islands run again after a week in the shipyard, as the people who live there told our reporters this week."),
                ("Museum opens a new wing for children", "The wing shows old toys and lets children build their own machines, as the people who live there told our reporters this week."),
                ("Local team wins the regional cup", "The team beat its rivals by two goals in a final played in the rain, as the people who live there told our reporters this week."),
            ],
        ),
        (
            [
                "Le conseil municipal a adopté mardi soir le nouveau budget après un long débat sur le coût de la réparation des vieux ponts, fermés aux camions depuis que les crues du printemps ont abîmé leurs piles.",
                "Le maire a indiqué que les premiers travaux commenceraient à l'automne et que les ponts devraient rouvrir à toute la circulation avant la fin de l'année prochaine, une fois chaque pile vérifiée par les ingénieurs.",
                "L'opposition a voté contre le projet, estimant que l'argent aurait dû aller d'abord aux écoles, et elle a promis de reposer la question lors de la prochaine séance du conseil au début de l'année.",
            ],
            [
                ("Les ferries du port reprennent la mer", "Les ferries vers les îles circulent de nouveau après une semaine au chantier, selon les habitants interrogés par nos journalistes cette semaine."),
                ("Le musée ouvre une aile pour les enfants", "L'aile montre de vieux jouets et permet aux enfants de construire leurs machines, selon les habitants interrogés par nos journalistes cette semaine."),
                ("L'équipe locale remporte la coupe régionale", "L'équipe a battu ses rivaux de deux buts lors d'une finale jouée sous la pluie, selon les habitants interrogés par nos journalistes cette semaine."),
            ],
        ),
        (
            [
                "Der Stadtrat hat am Dienstagabend nach einer langen Debatte über die Kosten für die Reparatur der alten Brücken den neuen Haushalt beschlossen, die seit dem Hochwasser im Frühjahr für Lastwagen gesperrt sind.",
                "Der Bürgermeister sagte, die ersten Arbeiten sollten im Herbst beginnen und die Brücken bis Ende des nächsten Jahres wieder für den gesamten Verkehr geöffnet werden, wenn die Ingenieure jeden Pfeiler geprüft haben.",
                "Die Opposition stimmte gegen den Plan, weil das Geld zuerst in die Schulen hätte fließen sollen, und sie kündigte an, die Frage bei der nächsten Sitzung des Rates im neuen Jahr wieder zu stellen.",
            ],
            [
                ("Die Fähren im Hafen fahren wieder", "Die Fähren zu den Inseln fahren nach einer Woche in der Werft wieder, wie die Menschen vor Ort unseren Reportern in dieser Woche erzählten."),
                ("Das Museum eröffnet einen Flügel für Kinder", "Der Flügel zeigt altes Spielzeug und lässt Kinder eigene Maschinen bauen, wie die Menschen vor Ort unseren Reportern in dieser Woche erzählten."),
                ("Die Mannschaft gewinnt den Pokal der Region", "Die Mannschaft schlug ihre Rivalen im Regen mit zwei Toren Vorsprung, wie die Menschen vor Ort unseren Reportern in dieser Woche erzählten."),
            ],
        ),
        (
            [
                "El ayuntamiento aprobó el martes por la noche el nuevo presupuesto tras un largo debate sobre el coste de reparar los viejos puentes, cerrados a los camiones desde que las riadas de la primavera dañaron sus pilares.",
                "El alcalde dijo que las primeras obras empezarán en otoño y que los puentes deberían reabrirse a todo el tráfico antes de que termine el año que viene, cuando los ingenieros hayan revisado cada pilar.",
                "La oposición votó en contra del plan porque el dinero debía ir primero a las escuelas, y prometió volver a plantear la cuestión en el próximo pleno del ayuntamiento a principios del año nuevo.",
            ],
            [
                ("Los ferris del puerto vuelven a navegar", "Los ferris a las islas navegan de nuevo tras una semana en el astillero, según contaron los vecinos a nuestros periodistas esta semana."),
                ("El museo abre un ala para los niños", "El ala muestra juguetes antiguos y deja que los niños construyan sus máquinas, según contaron los vecinos a nuestros periodistas esta semana."),
                ("El equipo local gana la copa regional", "El equipo venció a sus rivales por dos goles en una final jugada bajo la lluvia, según contaron los vecinos a nuestros periodistas esta semana."),
            ],
        ),
    ];
    for (paragraphs, cards) in cases {
        assert_cards_left_out(&with_card_tail(paragraphs, cards), paragraphs, cards);
    }
}

#[test]
fn paragraphs_under_subheads_are_no_teaser_cards() {
    // One subhead over each paragraph: an article's own layout, kept whole.
    let page = "Menu\nThe new budget\nThe city council approved the new budget on Tuesday evening after a long debate about the cost of repairing the old bridges, which have been closed to lorries since the spring floods.\nThe mayor said the first works would start in the autumn and that the bridges should reopen to all traffic before the end of next year, once every pillar has been checked.\nWhat comes first\nOpposition members voted against the plan, arguing that the money should have gone to the schools first.\nWhat comes next\nThe council meets again in January, when the first contracts for the bridges are due to be signed.\nThe cost\nEngineers put the cost of the repairs at twelve million, twice the first estimate made in the spring.\nThe schools\nParents asked the council to set aside part of the money for the roofs of two primary schools.\nContact\n";
    let out = extract_page(page, "");
    let body = kinds_of(&out, BlockKind::Paragraph);
    assert!(
        body.contains(
            &"Parents asked the council to set aside part of the money for the roofs of two primary schools."
        ),
        "{body:?}"
    );
}

#[test]
fn an_agenda_of_places_and_items_keeps_its_items() {
    // A news agency's agenda: places ending in a full stop, a time, one item each.
    let p = [
        "El ayuntamiento aprobó el martes por la noche el nuevo presupuesto tras un largo debate sobre el coste de reparar los viejos puentes, cerrados a los camiones desde que las riadas de la primavera dañaron sus pilares.",
        "El alcalde dijo que las primeras obras empezarán en otoño y que los puentes deberían reabrirse a todo el tráfico antes de que termine el año que viene, cuando los ingenieros hayan revisado cada pilar.",
        "La oposición votó en contra del plan porque el dinero debía ir primero a las escuelas, y prometió volver a plantear la cuestión en el próximo pleno del ayuntamiento a principios del año nuevo.",
    ];
    let mut page = String::new();
    for i in 0..3 {
        page.push_str(&format!("{} {}\n", p[i], p[(i + 1) % 3]));
    }
    for (city, district, time, item) in [
        ("SEVILLA.", "Triana.", "Por la mañana", "El consejero de cultura inaugurará una exposición de pintura andaluza en el antiguo convento del barrio."),
        ("BILBAO.", "Deusto.", "Al mediodía", "La universidad presentará el nuevo plan de estudios de ingeniería ante los representantes de las empresas vascas."),
        ("VALENCIA.", "Russafa.", "Por la tarde", "Los vecinos del barrio se reunirán con el concejal de urbanismo para hablar de las obras del mercado municipal."),
    ] {
        page.push_str(&format!("{city}\n{district}\n{time}\n- (AGENDA {city}).\n{item}\n"));
    }
    let out = extract_page(&page, "");
    let body = kinds_of(&out, BlockKind::Paragraph);
    assert!(
        body.contains(&"Los vecinos del barrio se reunirán con el concejal de urbanismo para hablar de las obras del mercado municipal."),
        "{body:?}"
    );
}

#[test]
fn a_table_of_figures_inside_the_article_stays_in_it() {
    let pages = [
        (
            "en",
            "Home prices rose again this spring in most of the cities the survey follows, led by the coast.",
            "The figures below give each city's median price and its change over the year before.",
        ),
        (
            "fr",
            "Les prix des logements ont encore augmenté ce printemps dans la plupart des villes suivies par l'enquête.",
            "Les chiffres ci-dessous donnent le prix médian de chaque ville et sa variation sur un an.",
        ),
        (
            "de",
            "Die Preise für Wohnungen sind in diesem Frühjahr in den meisten Städten der Umfrage wieder gestiegen.",
            "Die Zahlen unten nennen den mittleren Preis jeder Stadt und seine Änderung gegenüber dem Vorjahr.",
        ),
        (
            "es",
            "Los precios de la vivienda volvieron a subir esta primavera en la mayoría de las ciudades de la encuesta.",
            "Las cifras de abajo dan el precio medio de cada ciudad y su cambio respecto al año anterior.",
        ),
    ];
    for (lang, first, second) in pages {
        let mut page = format!("Home\nNews\nHome prices in spring\n{first}\n{second}\n{first} {second}\n");
        for (price, change) in
            [("$412,000", "+13.1%"), ("$389,500", "+9.7%"), ("$275,250", "-2.4%"), ("$198,000", "+0.8%")]
        {
            page.push_str(&format!("{price}\n{change}\n1/3/2026\n"));
        }
        page.push_str(&format!("{second} {first}\n{first}\n"));
        // A ranking's bare numbers after the article are no figures of its own.
        page.push_str("Most read\n1\nA story about the ferry\n2\nA story about the harbour\n");
        let out = extract_page(&page, "https://example.org/news/home-prices-in-spring");
        let body = body_paragraphs(&out);
        assert!(body.contains(&"+13.1%") && body.contains(&"$198,000"), "{lang}: {body:?}");
        assert!(body.contains(&format!("{second} {first}").as_str()), "{lang}: {body:?}");
        assert!(!body.contains(&"1") && !body.contains(&"A story about the ferry"), "{lang}: {body:?}");
    }
}

/// A page whose article holds a long list of short lines (a reading list, a
/// gallery's names) between its paragraphs: the run goes on past it.
fn page_with_long_list(
    menu: &str,
    title: &str,
    paragraphs: &[&str],
    items: &[&str],
    last: &str,
    footer: &str,
) -> String {
    let mut page = format!("{menu}\n{title}\n");
    for p in paragraphs {
        page.push_str(p);
        page.push('\n');
    }
    for item in items {
        page.push_str(item);
        page.push('\n');
    }
    format!("{page}{last}\n{footer}\n")
}

#[test]
fn a_long_list_inside_the_article_does_not_cut_it_in_two() {
    let cases: [(&str, &str, [&str; 3], [&str; 14], &str, &str); 4] = [
        (
            "Home\nNews\nSport\nContact",
            "The library opens a new reading room",
            [
                "The town library opened a new reading room on Saturday, with three hundred seats and long tables by the windows.",
                "The room was paid for by a local fund that has collected money from residents for more than ten years now.",
                "On the first day the staff handed out a list of the books that readers had asked for most during the winter.",
            ],
            [
                "Winter Harbour", "The Salt Road", "Night Trains", "A House of Glass", "Northern Lights",
                "The Last Orchard", "Paper Boats", "River Songs", "The Quiet Year", "Stone and Water",
                "Small Hours", "The Clockmaker", "Blue Mountains", "Letters Home",
            ],
            "Readers can still add their own names to the list at the library desk until the end of the month, the organisers said on Saturday evening.",
            "Privacy Policy\nContact\nFollow us",
        ),
        (
            "Accueil\nPolitique\nSport\nContact",
            "La bibliothèque ouvre une nouvelle salle de lecture",
            [
                "La bibliothèque de la ville a ouvert samedi une nouvelle salle de lecture, avec trois cents places et de longues tables.",
                "La salle a été payée par un fonds local qui collecte de l'argent auprès des habitants depuis plus de dix ans.",
                "Le premier jour, le personnel a distribué la liste des livres que les lecteurs ont le plus demandés cet hiver.",
            ],
            [
                "Le Port d'hiver", "La Route du sel", "Trains de nuit", "Une maison de verre", "Aurores boréales",
                "Le Dernier Verger", "Bateaux de papier", "Chansons du fleuve", "L'Année tranquille", "Pierre et eau",
                "Petites Heures", "L'Horloger", "Montagnes bleues", "Lettres à la maison",
            ],
            "Les lecteurs peuvent encore ajouter leur nom à la liste au bureau de la bibliothèque jusqu’à la fin du mois, ont dit les organisateurs.",
            "Mentions légales\nContact\nNous suivre",
        ),
        (
            "Startseite\nPolitik\nSport\nKontakt",
            "Die Bibliothek eröffnet einen neuen Lesesaal",
            [
                "Die Stadtbibliothek hat am Samstag einen neuen Lesesaal eröffnet, mit dreihundert Plätzen und langen Tischen am Fenster.",
                "Bezahlt wurde der Saal von einem Fonds, der seit mehr als zehn Jahren Geld von den Bewohnern der Stadt sammelt.",
                "Am ersten Tag verteilten die Mitarbeiter eine Liste der Bücher, die sich die Leser im Winter am meisten gewünscht hatten.",
            ],
            [
                "Der Winterhafen", "Die Salzstraße", "Nachtzüge", "Ein Haus aus Glas", "Nordlichter",
                "Der letzte Obstgarten", "Papierboote", "Lieder vom Fluss", "Das stille Jahr", "Stein und Wasser",
                "Kleine Stunden", "Der Uhrmacher", "Blaue Berge", "Briefe nach Hause",
            ],
            "Die Leser können ihre Namen noch bis zum Ende des Monats an der Theke der Bibliothek in die Liste eintragen, sagten die Veranstalter.",
            "Impressum\nDatenschutz\nKontakt",
        ),
        (
            "Inicio\nPolítica\nDeportes\nContacto",
            "La biblioteca abre una nueva sala de lectura",
            [
                "La biblioteca de la ciudad abrió el sábado una nueva sala de lectura, con trescientos asientos y mesas largas junto a las ventanas.",
                "La sala se pagó con un fondo local que lleva más de diez años reuniendo dinero de los vecinos de la ciudad.",
                "El primer día, el personal repartió una lista de los libros que los lectores habían pedido más durante el invierno.",
            ],
            [
                "El puerto de invierno", "La ruta de la sal", "Trenes nocturnos", "Una casa de cristal", "Auroras",
                "El último huerto", "Barcos de papel", "Canciones del río", "El año tranquilo", "Piedra y agua",
                "Horas pequeñas", "El relojero", "Montañas azules", "Cartas a casa",
            ],
            "Los lectores aún pueden añadir su nombre a la lista en el mostrador de la biblioteca hasta el final del mes, dijeron los organizadores.",
            "Aviso legal\nPrivacidad\nContacto",
        ),
    ];
    for (menu, title, paragraphs, items, last, footer) in cases {
        let page = page_with_long_list(menu, title, &paragraphs, &items, last, footer);
        let out = extract_page(&page, "");
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert!(body.contains(&last), "the paragraph after the list stays: {body:#?}");
        assert!(body.contains(&items[7]), "the list stays: {body:#?}");
        assert!(!body.contains(&menu.lines().next().unwrap()), "{body:#?}");
    }
}

/// A short post, its links and a comments header, then a thread whose
/// comments' headers each carry a time stamp ("Jane on May 2 … said:").
fn post_over_dated_thread(head: &str, post: [&str; 2], gap: &str, thread: [(&str, &str); 3]) -> String {
    let mut page = format!("{head}\n{}\n{}\n{gap}\n", post[0], post[1]);
    for (header, comment) in thread {
        page.push_str(&format!("{header}\n{comment}\n"));
    }
    page
}

#[test]
fn a_thread_under_a_comments_header_leaves_the_post_above_it_en_fr() {
    let cases = [
        (
            "Home\nBlog\nThe September open thread\nSeptember 10, 2018\nby Jane",
            [
                "Our goal with these open threads is to give readers a chance to raise questions about our research in public, so that others can read the answers too, and to hear what they think we should study next year. We answer every question we can within a week or two.",
                "You can read the answers to the last open thread on our blog, where we also list the questions that we could not answer in time and those we are still working on.",
            ],
            "Posted in\nOpen thread\nPermalink\nShare\nFacebook\nTwitter\nEmail\nPrint\nTags\nGiving\n10 Comments\nPrevious Post\nNext Post\nComments",
            [
                (
                    "Milan Roe on September 12, 2018 at 4:47 pm said:",
                    "Is there any update on how the new paper on cash transfers will change your recommendation of the charity, and when will you publish it for the readers of this blog? I would like to share it with my friends.",
                ),
                (
                    "Jane Doe on September 13, 2018 at 5:23 pm said:",
                    "We have not yet reviewed the paper, but we plan to consider it as part of our review at the end of the year, together with the other new studies of cash transfers that came out this summer. We will post a note on the blog.",
                ),
                (
                    "Alex Poe on September 17, 2018 at 6:34 am said:",
                    "I read your report on the bus safety program, and I did not see any analysis of the cost of travelling on slower buses, which I think could change the result of the whole study. Could you look at it again next year?",
                ),
            ],
        ),
        (
            "Accueil\nBlog\nLe fil ouvert de septembre\n10 septembre 2018\npar Claire",
            [
                "Le but de ces fils ouverts est de donner aux lecteurs une occasion de poser en public leurs questions sur nos recherches, pour que les autres puissent lire les réponses, et de savoir ce que nous devrions étudier. Nous répondons à chaque question posée ici.",
                "Vous pouvez lire les réponses au dernier fil ouvert sur notre blog, où nous listons aussi les questions auxquelles nous n'avons pas pu répondre à temps cet été.",
            ],
            "Publié dans\nFil ouvert\nPermalien\nPartager\nFacebook\nTwitter\nE-mail\nImprimer\nMots-clés\nDons\n10 commentaires\nArticle précédent\nArticle suivant\nCommentaires",
            [
                (
                    "Marc Roux le 12 septembre 2018 à 16:47 a dit :",
                    "Est-ce que la nouvelle étude sur les transferts d'argent va changer votre recommandation de cette association, et quand allez-vous publier votre avis pour les lecteurs du blog ? Je voudrais le partager avec mes amis.",
                ),
                (
                    "Claire Dupont le 13 septembre 2018 à 17:23 a dit :",
                    "Nous n'avons pas encore lu cette étude, mais nous comptons l'examiner à la fin de l'année, avec les autres études sur les transferts d'argent qui sont parues cet été dans les revues. Nous publierons une note sur le blog.",
                ),
                (
                    "Paul Morel le 17 septembre 2018 à 06:34 a dit :",
                    "J'ai lu votre rapport sur la sécurité des bus, et je n'ai vu aucune analyse du coût des trajets plus lents, ce qui pourrait à mon avis changer le résultat de toute votre étude. Pourriez-vous y revenir l'an prochain ?",
                ),
            ],
        ),
    ];
    for (head, post, gap, thread) in cases {
        let out = extract_page(&post_over_dated_thread(head, post, gap, thread), "");
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert!(body.contains(&post[0]) && body.contains(&post[1]), "the post is the article: {body:#?}");
        assert!(thread.iter().all(|(_, c)| !body.contains(c)), "no comment is: {body:#?}");
    }
}

#[test]
fn a_paywalled_story_keeps_its_free_paragraphs_not_the_whole_page_en_de() {
    let cases = [
        (
            "Home\nWorld\nBusiness\nTech\nMarkets\nOpinion\nArts\nTravel\nFood\nStyle\nSports\nVideo\nPodcasts\nSearch\nShare\nText",
            "Is a Late Tackle a Crime?",
            "Hard hits have led to lawsuits before, but a prosecutor would struggle to prove a charge in court.",
            "By\nJohn Roe\nNov. 18, 2019 7:04 pm ET",
            "It was the tackle seen around the world. In the last seconds of the game on Sunday, the defender pulled the quarterback down by his helmet and swung it at his head.",
            "The quarterback was not hurt. Still, the defender, who was the first pick of the draft two years ago, was suspended for the rest of the season, and some lawyers now ask whether …",
            "To Read the Full Story\nSubscribe\nSign In\nMost Popular Videos\nA bridge closes for repairs\nThe mayor answers questions\nMost Popular Articles\nA town bans cars from its centre\nTen places to travel next year\nBeware the gift card scam\nAbout Us\nContact\nPrivacy\nTerms\nHelp\nSubscribe Now\nCareers\nAdvertise\nSite Map\nNews Archive",
        ),
        (
            "Startseite\nPolitik\nWirtschaft\nKultur\nSport\nReise\nWissen\nMeinung\nPanorama\nVideo\nPodcasts\nSuche\nTeilen\nText\nAudio\nArchiv",
            "Ist ein Foul eine Straftat?",
            "Harte Fouls haben schon zu Klagen geführt, doch ein Staatsanwalt könnte vor Gericht kaum etwas beweisen.",
            "Von\nJohn Roe\n18.11.2019, 19:04 Uhr",
            "Es war das Foul, über das die ganze Welt sprach. In den letzten Sekunden des Spiels am Sonntag riss der Verteidiger den Spieler am Helm zu Boden und schlug damit nach ihm.",
            "Der Spieler blieb unverletzt. Trotzdem wurde der Verteidiger, der vor zwei Jahren als Erster gewählt worden war, für den Rest der Saison gesperrt, und manche Juristen fragen nun, ob …",
            "Weiterlesen mit Abo\nAbonnieren\nAnmelden\nBeliebte Videos\nEine Brücke wird gesperrt\nDer Bürgermeister antwortet\nMeistgelesen\nEine Stadt verbannt Autos\nZehn Reiseziele für nächstes Jahr\nVorsicht vor Gutscheinbetrug\nÜber uns\nKontakt\nDatenschutz\nAGB\nHilfe\nJetzt abonnieren\nKarriere\nWerbung\nSitemap\nArchiv",
        ),
    ];
    for (menu, title, standfirst, byline, first, cut_short, footer) in cases {
        let page = format!("{menu}\n{title}\n{standfirst}\n{byline}\n{first}\n{cut_short}\n{footer}\n");
        let out = extract_page(&page, "");
        // The teasers after a "most read" header go to the teaser zone.
        let body = body_paragraphs(&out);
        assert!(body.contains(&first) && body.contains(&cut_short), "the free paragraphs are the article: {body:#?}");
        assert!(!body.iter().any(|b| menu.lines().chain(footer.lines()).any(|l| l == *b)), "{body:#?}");
    }
}

#[test]
fn sentences_written_without_spaces_are_prose_ja_zh() {
    let cases = [
        (
            "ホーム\nFacebook\nTwitter\nニュース\n天気\nスポーツ\nエンタメ\n経済\n国際\n科学\n地域\nランキング\n動画\n写真\nお問い合わせ\n利用規約\nログイン\n検索",
            "市立図書館に新しい閲覧室",
            [
                "市立図書館は土曜日、三百席と窓際の長い机を備えた新しい閲覧室を開きました。",
                "閲覧室の費用は、十年以上にわたって市民から寄付を集めてきた地元の基金が負担しました。",
                "初日には、冬の間に利用者から最も多くの希望があった本の一覧が配られました。",
            ],
            "関連記事\n人気の記事\nカテゴリー\nアーカイブ\nプロフィール\nタグ\nサイトマップ\n運営会社\n広告掲載\n採用情報\nプライバシー\nヘルプ\nお知らせ\nリンク\n著作権\nホーム",
        ),
        (
            "首页\nFacebook\nTwitter\n新闻\n天气\n体育\n娱乐\n财经\n国际\n科技\n地方\n排行\n视频\n图片\n联系我们\n使用条款\n登录\n搜索",
            "市图书馆开放新阅览室",
            [
                "市图书馆星期六开放了一间新的阅览室，里面有三百个座位和靠窗的长桌子，读者可以安静地看书。",
                "阅览室的费用由一个本地基金承担，这个基金十多年来一直在向市民募集捐款，用于公共文化设施。",
                "开放的第一天，工作人员向读者发放了一份冬天里大家最希望借阅的图书清单，很多人当场登记。",
            ],
            "相关文章\n热门文章\n分类\n归档\n简介\n标签\n网站地图\n关于我们\n广告服务\n招聘信息\n隐私政策\n帮助\n公告\n友情链接\n版权声明\n首页",
        ),
    ];
    for (menu, title, paragraphs, footer) in cases {
        let page = format!("{menu}\n{title}\n{}\n{footer}\n", paragraphs.join("\n"));
        let out = extract_page(&page, "");
        let body = kinds_of(&out, BlockKind::Paragraph);
        assert_eq!(body, paragraphs.to_vec(), "the sentences are the article, not the menus around them");
    }
}

#[test]
fn a_cookie_banner_does_not_outweigh_a_short_article() {
    let banners = [
        ("en", "We use cookies to improve your experience on our website and to show you personalised content from our partners.\nBy clicking accept, you consent to the use of cookies and similar tracking technologies on this site.\nYou can change your cookie settings at any time in the privacy centre, where each category is explained in detail.\n"),
        ("fr", "Nous utilisons des cookies pour améliorer votre expérience sur notre site et vous proposer des contenus adaptés.\nEn poursuivant votre navigation, vous acceptez l'utilisation de cookies par nos partenaires publicitaires.\nVous pouvez modifier vos paramètres de cookies à tout moment depuis la page dédiée à la protection des données.\n"),
        ("de", "Wir verwenden Cookies, um Ihnen ein besseres Erlebnis auf unserer Webseite zu bieten und Inhalte anzupassen.\nMit der Nutzung der Webseite erteilen Sie Ihre Einwilligung zur Verwendung von Cookies durch unsere Partner.\nSie können Ihre Cookie-Einstellungen jederzeit in der Datenschutzerklärung ändern, dort ist jede Kategorie erklärt.\n"),
        ("es", "Utilizamos cookies propias y de terceros para mejorar su experiencia en nuestro sitio web y mostrar publicidad.\nSi continúa navegando, consideramos que acepta el uso de cookies y de otras tecnologías de seguimiento.\nPuede cambiar la configuración de cookies en cualquier momento desde la página de privacidad de este sitio.\n"),
    ];
    for (lang, banner) in banners {
        let page = format!(
            "Home\nNews\n\nCouncil votes to fund the new bridge\n\n{}Share\nContact\n\n{banner}Accept all\n",
            prose_lines(4)
        );
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = body_paragraphs(&out);
        assert!(body.iter().any(|p| p.starts_with("Line alpha")), "{lang}: {body:?}");
        assert!(!body.iter().any(|p| p.contains("ookie")), "{lang}: {body:?}");
    }
    // A recipe's cookies are its text, not a banner.
    let recipe = "Home\n\nOatmeal cookies\n\nBake the cookies on the middle rack for twelve minutes, until the edges turn golden and the centres are still soft.\n\nLet the cookies cool on the tray for five minutes before you move them, or they will break apart in your hands.\n";
    let out = extract_page(recipe, "");
    assert_eq!(body_paragraphs(&out).len(), 2, "{:?}", out.blocks);
}

#[test]
fn a_cookie_banner_inside_the_article_or_a_page_read_whole_is_dropped() {
    let banners = [
        ("en", "We use cookies to improve your experience on our website and to show you content from our partners."),
        ("fr", "Nous utilisons des cookies pour améliorer votre expérience sur notre site et vous proposer des contenus."),
        ("de", "Wir verwenden Cookies, um Ihnen ein besseres Erlebnis auf unserer Webseite zu bieten und Inhalte anzupassen."),
        ("es", "Utilizamos cookies propias y de terceros para mejorar su experiencia en nuestro sitio web y mostrar publicidad."),
    ];
    for (lang, banner) in banners {
        // The dialog printed between two paragraphs: the run holds it.
        let page = format!(
            "Home\nNews\n\nCouncil votes to fund the new bridge\n\n{}{banner}\n\n{}Share\nContact\n",
            prose_lines(3),
            prose_lines(6).split("\n\n").skip(3).collect::<Vec<_>>().join("\n\n")
        );
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = body_paragraphs(&out);
        assert!(body.iter().any(|p| p.starts_with("Line alpha")), "{lang}: {body:?}");
        assert!(body.iter().any(|p| p.starts_with("Line foxtrot")), "{lang}: {body:?}");
        assert!(!body.iter().any(|p| p.contains("ookie")), "{lang}: {body:?}");
        // A listing with no prose is read whole, its banner aside.
        let items: String = ["oak", "pine", "walnut", "maple", "cherry", "birch", "ash", "teak", "cedar"]
            .iter()
            .flat_map(|wood| {
                ["table", "chair", "desk", "shelf", "bench"].map(|item| format!("Handmade {wood} {item}\n\n"))
            })
            .collect();
        let out = extract_page(&format!("Sign In\n\n{items}{banner}\n"), "");
        let body = body_paragraphs(&out);
        assert!(body.contains(&"Handmade cedar bench"), "{lang}: {body:?}");
        assert!(!body.iter().any(|p| p.contains("ookie")), "{lang}: {body:?}");
    }
}

#[test]
fn a_link_or_code_span_on_its_own_line_inside_a_sentence_is_joined() {
    for (lang, before, span, after) in [
        (
            "en",
            "The library solves this by implementing a custom",
            "DelegatingHandler",
            "that integrates with the client factory of the framework.",
        ),
        (
            "fr",
            "La bibliothèque règle ce problème avec un gestionnaire",
            "DelegatingHandler",
            "qui s'intègre à la fabrique de clients du framework.",
        ),
        (
            "de",
            "Die Bibliothek löst das Problem mit einem eigenen",
            "DelegatingHandler",
            "der sich in die Client-Fabrik des Frameworks einfügt.",
        ),
        (
            "es",
            "La biblioteca resuelve el problema con un manejador",
            "DelegatingHandler",
            "que se integra con la fábrica de clientes del framework.",
        ),
    ] {
        let page = format!("{before}\n{span}\n{after}\n");
        let lines = read_lines(&page);
        assert_eq!(lines.len(), 1, "{lang}: {:?}", lines.iter().map(|l| &l.text).collect::<Vec<_>>());
        assert_eq!(lines[0].text, format!("{before} {span} {after}"), "{lang}");
    }
    // A menu's items under a bullet stay lines of their own, and so does a
    // label over a line that is not a sentence's end.
    let menu = read_lines("Our reviews of email marketing services\nBrevo\no Brevo Review\no Brevo Pricing\n");
    assert_eq!(menu[0].text, "Our reviews of email marketing services");
}

#[test]
fn card_fields_differing_in_their_figures_are_no_repeats() {
    let pages = [
        (
            "The shelter has three dogs waiting for a home, and all of them are friendly with children.",
            "Weight:",
            "They can be visited every day of the week, and the staff will answer all of your questions.",
        ),
        (
            "Le refuge a trois chiens qui attendent une maison, et tous sont gentils avec les enfants.",
            "Poids :",
            "On peut les voir tous les jours de la semaine, et les bénévoles répondent à toutes les questions.",
        ),
        (
            "Das Tierheim hat drei Hunde, die auf ein Zuhause warten, und alle sind freundlich zu Kindern.",
            "Gewicht:",
            "Man kann sie an jedem Tag der Woche besuchen, und das Team beantwortet alle Fragen dazu.",
        ),
        (
            "El refugio tiene tres perros que esperan un hogar, y todos son amables con los niños.",
            "Peso:",
            "Se pueden visitar todos los días de la semana, y el equipo responde a todas las preguntas.",
        ),
    ];
    for (intro, label, outro) in pages {
        // Each card: a name, then its field.
        let cards: String = [("Rex", "5.6 kg"), ("Bella", "7.2 kg"), ("Max", "31 kg")]
            .iter()
            .map(|(n, w)| format!("{n}\n\n{label} {w}\n\n"))
            .collect();
        let page = format!("{intro}\n\n{cards}{outro}\n");
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        for w in ["5.6 kg", "7.2 kg", "31 kg"] {
            assert!(body.contains(&format!("{label} {w}").as_str()), "{label} {w} in {body:?}");
        }
    }
}

/// Words that tell synthetic lines apart (figures do not: keys drop them).
const TAGS: [&str; 8] = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

/// Prose lines of about 270 bytes, told apart by a tag.
fn long_paragraphs(sentence: &str, n: usize) -> String {
    TAGS.iter().take(n).map(|t| format!("{sentence} {t}. {sentence}\n")).collect()
}

#[test]
fn a_read_also_header_under_the_article_ends_it() {
    let pages = [
        (
            "The council approves the new bridge over the river",
            "The council voted on Tuesday to fund the bridge, and the work on both banks of the river will start in the spring of next year.",
            "Related articles",
            "Why the old ferry is still the cheapest way to cross the river for most of the people who live in the town and in the villages around it.",
        ),
        (
            "Le conseil approuve le nouveau pont sur le fleuve",
            "Le conseil a voté mardi le financement du pont, et les travaux sur les deux rives du fleuve commenceront au printemps de l'année prochaine.",
            "À lire aussi :",
            "Pourquoi le vieux bac reste le moyen le moins cher de traverser le fleuve pour la plupart des gens qui vivent dans la ville et les villages.",
        ),
        (
            "Der Rat beschließt die neue Brücke über den Fluss",
            "Der Rat hat am Dienstag die Mittel für die Brücke bewilligt, und die Arbeiten an beiden Ufern des Flusses beginnen im Frühjahr des nächsten Jahres.",
            "Lesen Sie auch:",
            "Warum die alte Fähre für die meisten Menschen in der Stadt und in den Dörfern der Umgebung noch immer der billigste Weg über den Fluss ist.",
        ),
        (
            "El consejo aprueba el nuevo puente sobre el río",
            "El consejo votó el martes la financiación del puente, y las obras en las dos orillas del río empezarán en la primavera del año que viene.",
            "Lo más leído",
            "Por qué el viejo transbordador sigue siendo la forma más barata de cruzar el río para la mayoría de la gente que vive en la ciudad y en los pueblos.",
        ),
    ];
    for (title, sentence, header, teaser) in pages {
        let cards: String = TAGS[5..].iter().map(|t| format!("Teaser {t}\n{teaser} {t}\n")).collect();
        let page =
            format!("Home\nNews\nSport\n{title}\n{}{header}\n{cards}Contact\nImprint\n", long_paragraphs(sentence, 6));
        assert!(read_lines(&format!("{header}\n"))[0].is_break(), "{header}");
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        assert_eq!(body.len(), 6, "{header}: {body:#?}");
        assert!(!body.iter().any(|b| b.contains(teaser)), "{header}");
    }
}

#[test]
fn a_sentence_introducing_a_list_is_the_articles() {
    let pages = [
        (
            "The council approves the new bridge over the river",
            "The council voted on Tuesday to fund the bridge, and the work on both banks of the river will start in the spring of next year.",
            "Here is what the council will pay for over the next three years:",
            ["A new bridge over the river", "Two new schools in the north", "A bus line to the station"],
        ),
        (
            "Le conseil approuve le nouveau pont sur le fleuve",
            "Le conseil a voté mardi le financement du pont, et les travaux sur les deux rives du fleuve commenceront au printemps de l'année prochaine.",
            "Voici ce que le conseil va financer dans les trois années qui viennent :",
            ["Un nouveau pont sur le fleuve", "Deux écoles dans le nord", "Une ligne de bus vers la gare"],
        ),
        (
            "Der Rat beschließt die neue Brücke über den Fluss",
            "Der Rat hat am Dienstag die Mittel für die Brücke bewilligt, und die Arbeiten an beiden Ufern des Flusses beginnen im Frühjahr des nächsten Jahres.",
            "Das ist es, was der Rat in den nächsten drei Jahren bezahlen wird:",
            ["Eine neue Brücke über den Fluss", "Zwei neue Schulen im Norden", "Eine Buslinie zum Bahnhof"],
        ),
        (
            "El consejo aprueba el nuevo puente sobre el río",
            "El consejo votó el martes la financiación del puente, y las obras en las dos orillas del río empezarán en la primavera del año que viene.",
            "Esto es lo que el consejo va a pagar en los próximos tres años:",
            ["Un nuevo puente sobre el río", "Dos escuelas nuevas en el norte", "Una línea de autobús a la estación"],
        ),
    ];
    for (title, sentence, intro, items) in pages {
        let list: String = items.iter().map(|i| format!("{i}\n")).collect();
        let page = format!(
            "Home\nNews\nSport\n{title}\n{}{intro}\n{list}Contact\nImprint\nPrivacy\n",
            long_paragraphs(sentence, 4)
        );
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        assert_eq!(body.len(), 5, "{intro}: {body:#?}");
        assert_eq!(body[4], intro);
        // A label ending in a colon is no sentence: "Share this article:" stays out.
        let page = format!("Home\nNews\n{title}\n{}Share this article:\nFacebook\n", long_paragraphs(sentence, 4));
        assert_eq!(body_paragraphs(&extract_page(&page, "")).len(), 4, "{title}");
    }
}

/// A technical article: two paragraphs, `block` (one line each), one short paragraph.
fn article_around(block: &[&str]) -> String {
    let block: String = block.iter().map(|l| format!("{l}\n\n")).collect();
    format!(
        "Home\n\nBlog\n\nSumming prices in Rust\n\n{}{block}That is all the function needs to do its work.\n\nContact\n\nPrivacy\n",
        prose_lines(2)
    )
}

#[test]
fn a_code_block_does_not_end_a_technical_article() {
    let code = [
        "fn total(prices: &[u32]) -> u32 {",
        "let mut sum = 0;",
        "for p in prices {",
        "sum += p;",
        "}",
        "// the caller rounds it",
        "println!(\"{sum}\");",
        "return sum;",
        "});",
        "}",
    ];
    let out = extract_page(&article_around(&code), "");
    let body = body_paragraphs(&out);
    assert!(body.contains(&"That is all the function needs to do its work."), "{body:#?}");
    assert!(body.contains(&"let mut sum = 0;"), "{body:#?}");
    assert!(!body.contains(&"Contact"), "{body:#?}");
}

#[test]
fn a_list_of_web_addresses_does_not_end_the_article() {
    let chapters = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];
    let links: Vec<String> = chapters.iter().map(|c| format!("https://example.org/docs/{c}")).collect();
    let links: Vec<&str> = links.iter().map(String::as_str).collect();
    let out = extract_page(&article_around(&links), "");
    let body = body_paragraphs(&out);
    assert!(body.contains(&"That is all the function needs to do its work."), "{body:#?}");
    assert!(body.contains(&"https://example.org/docs/juliet"), "{body:#?}");
}

#[test]
fn an_about_box_under_the_article_ends_it() {
    let pages = [
        (
            "The council approves the new bridge over the river",
            "The council voted on Tuesday to fund the bridge, and the work on both banks of the river will start in the spring of next year.",
            "About the author",
            "She has covered transport and the harbour for the paper since 2015, and she lives by the sea with two cats and a small boat.",
        ),
        (
            "Le conseil approuve le nouveau pont sur le fleuve",
            "Le conseil a voté mardi le financement du pont, et les travaux sur les deux rives du fleuve commenceront au printemps de l'année prochaine.",
            "À propos de l'auteur",
            "Elle couvre les transports et le port pour le journal depuis 2015, et elle vit au bord de la mer avec deux chats et un petit bateau.",
        ),
        (
            "Der Rat beschließt die neue Brücke über den Fluss",
            "Der Rat hat am Dienstag die Mittel für die Brücke bewilligt, und die Arbeiten an beiden Ufern des Flusses beginnen im Frühjahr des nächsten Jahres.",
            "Über uns",
            "Wir sind ein kleiner Verlag in Hamburg, der seit 1990 Zeitungen und Bücher über die Stadt, den Hafen und die Dörfer am Fluss herausgibt.",
        ),
        (
            "El consejo aprueba el nuevo puente sobre el río",
            "El consejo votó el martes la financiación del puente, y las obras en las dos orillas del río empezarán en la primavera del año que viene.",
            "Sobre nosotros",
            "Somos un pequeño periódico de la ciudad que desde 1990 cuenta lo que pasa en el puerto, en el río y en los pueblos de la comarca.",
        ),
    ];
    for (title, sentence, header, box_text) in pages {
        let page = format!(
            "Home\nNews\nSport\n{title}\n{}{header}\n{box_text}\nContact\nImprint\n",
            long_paragraphs(sentence, 6)
        );
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        assert_eq!(body.len(), 6, "{header}: {body:#?}");
        assert!(!out.blocks.iter().any(|b| b.text == box_text || b.text == header), "{header}");
    }
    // The header naming the byline's author, or the opener alone over the name.
    let sentence = "The council voted on Tuesday to fund the bridge, and the work on both banks of the river will start in the spring of next year.";
    let bio = "She has covered transport and the harbour for the paper since 2015, and she lives by the sea with two cats and a small boat.";
    for header in ["About Jane Roe", "About\nJane Roe", "À propos\nJane Roe", "Acerca de\nJane Roe"] {
        let page = format!(
            "Home\nThe council approves the new bridge over the river\nBy Jane Roe\n{}{header}\n{bio}\nContact\n",
            long_paragraphs(sentence, 6)
        );
        let out = extract_page(&page, "");
        assert_eq!(out.authors, vec!["Jane Roe"]);
        assert!(!out.blocks.iter().any(|b| b.text == bio), "{header}: {:#?}", texts(&out.blocks));
    }
    // A company's own box at a press release's end is no author's nor the site's: it stays.
    let about = "Acme builds bridges, ferries and harbour cranes for cities and ports in twelve countries, from its home in Rotterdam.";
    let page =
        format!("Home\nAcme wins the bridge contract\n{}About Acme\n{about}\nContact\n", long_paragraphs(sentence, 6));
    assert!(extract_page(&page, "").blocks.iter().any(|b| b.text == about));
    // A short article whose run reaches the box keeps it: the prose above does not outweigh it twice.
    let page = format!(
        "Home\nThe council approves the new bridge over the river\n{}About the author\n{bio}\n{bio} Twice.\nContact\n",
        long_paragraphs(sentence, 2)
    );
    assert!(extract_page(&page, "").blocks.iter().any(|b| b.text == bio));
}

#[test]
fn a_share_widget_under_the_article_ends_it() {
    let pages = [
        (
            "The council voted on Tuesday to fund the bridge, and the work on both banks of the river will start in the spring of next year.",
            "Share on Facebook",
            "Sign up to our newsletter and get the best of the week's stories about the town and the river in your inbox every Friday morning.",
        ),
        (
            "Le conseil a voté mardi le financement du pont, et les travaux sur les deux rives du fleuve commenceront au printemps de l'année prochaine.",
            "Partager",
            "Inscrivez-vous à notre lettre et recevez chaque vendredi matin le meilleur de la semaine sur la ville et le fleuve dans votre boîte.",
        ),
        (
            "Der Rat hat am Dienstag die Mittel für die Brücke bewilligt, und die Arbeiten an beiden Ufern des Flusses beginnen im Frühjahr des nächsten Jahres.",
            "Teilen",
            "Melden Sie sich für unseren Newsletter an und erhalten Sie jeden Freitag das Beste der Woche über die Stadt und den Fluss in Ihr Postfach.",
        ),
        (
            "El consejo votó el martes la financiación del puente, y las obras en las dos orillas del río empezarán en la primavera del año que viene.",
            "Compartir",
            "Suscríbete a nuestro boletín y recibe cada viernes por la mañana lo mejor de la semana sobre la ciudad y el río en tu correo electrónico.",
        ),
    ];
    for (sentence, share, pitch) in pages {
        let page = format!(
            "Home\nNews\nSport\nThe bridge\n{}{share}\n{pitch}\nContact\nImprint\n",
            long_paragraphs(sentence, 6)
        );
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        assert_eq!(body.len(), 6, "{share}: {body:#?}");
        assert!(!body.contains(&pitch), "{share}");
        // A share row between the article's sections, with the article going on below, stays.
        let page = format!(
            "Home\nNews\nSport\nThe bridge\n{}{share}\n{}{pitch}\nContact\nImprint\n",
            long_paragraphs(sentence, 4),
            long_paragraphs(sentence, 2)
        );
        assert!(body_paragraphs(&extract_page(&page, "")).contains(&pitch), "{share}");
    }
}

/// A page whose article prints no headline: a subheading matching the address
/// wins the title, and the paragraphs above it stay the article's.
fn subheading_page(menu: &str, paragraphs: [&str; 2], sections: [(&str, &str); 3], footer: &str) -> String {
    let mut page = format!("{menu}\n{}\n{}\n", paragraphs[0], paragraphs[1]);
    for (head, text) in sections {
        page.push_str(&format!("{head}\n{text}\n"));
    }
    page.push_str(footer);
    page.push('\n');
    page
}

#[test]
fn a_subheading_taken_for_the_title_keeps_the_paragraphs_above_it() {
    let pages = [
        (
            subheading_page(
                "Home\nServices\nContact",
                [
                    "Our clinic has helped patients in the valley for twenty years, and we are proud of the care we give them.",
                    "Many of our patients ask how they can change the way they eat without giving up the food they love.",
                ],
                [
                    ("Start with one meal a day", "Begin by replacing one meal each day with a dish built on vegetables, beans and whole grains, which is easier than it sounds."),
                    ("Cook quick and easy meals", "On busy days a few quick and easy meals keep you on track: a bowl of lentils, a stir-fry or a soup takes twenty minutes."),
                    ("Find support near you", "Friends who share the same goal make the change more enjoyable, and a local group can give you new ideas every week."),
                ],
                "Privacy Policy",
            ),
            "https://example.org/blog/cook-quick-and-easy-meals",
        ),
        (
            subheading_page(
                "Accueil\nServices\nContact",
                [
                    "Notre cabinet soigne les patients de la vallée depuis vingt ans, et nous sommes fiers des soins que nous leur donnons.",
                    "Beaucoup de nos patients nous demandent comment changer leur façon de manger sans renoncer aux plats qu'ils aiment.",
                ],
                [
                    ("Commencer par un repas par jour", "Remplacez d'abord un repas par jour par un plat fait de légumes, de haricots et de céréales complètes, ce qui est plus simple qu'il n'y paraît."),
                    ("Cuisiner des repas simples et rapides", "Les jours chargés, quelques repas simples et rapides vous aident à tenir : un bol de lentilles ou une soupe se prépare en vingt minutes."),
                    ("Trouver du soutien près de chez vous", "Des amis qui partagent le même but rendent le changement plus agréable, et un groupe local vous donne de nouvelles idées chaque semaine."),
                ],
                "Mentions légales",
            ),
            "https://example.fr/blog/cuisiner-des-repas-simples-et-rapides",
        ),
        (
            subheading_page(
                "Startseite\nLeistungen\nKontakt",
                [
                    "Unsere Praxis behandelt seit zwanzig Jahren die Patienten im Tal, und wir sind stolz auf die Pflege, die wir ihnen geben.",
                    "Viele unserer Patienten fragen, wie sie ihre Ernährung ändern können, ohne auf die Gerichte zu verzichten, die sie lieben.",
                ],
                [
                    ("Mit einer Mahlzeit am Tag beginnen", "Ersetzen Sie zuerst eine Mahlzeit am Tag durch ein Gericht aus Gemüse, Bohnen und Vollkorn, was einfacher ist, als es klingt."),
                    ("Schnelle und einfache Gerichte kochen", "An vollen Tagen helfen ein paar schnelle und einfache Gerichte: eine Schüssel Linsen oder eine Suppe ist in zwanzig Minuten fertig."),
                    ("Unterstützung in der Nähe finden", "Freunde mit dem gleichen Ziel machen die Umstellung angenehmer, und eine Gruppe vor Ort gibt Ihnen jede Woche neue Ideen."),
                ],
                "Impressum",
            ),
            "https://example.de/blog/schnelle-und-einfache-gerichte-kochen",
        ),
    ];
    for (page, url) in &pages {
        let out = extract_page(page, url);
        let body = body_paragraphs(&out);
        let first = page.lines().nth(3).unwrap();
        assert_eq!(body.first(), Some(&first), "{url}: {body:?} (title {:?})", out.title);
        assert!(body.len() >= 5, "{url}: {body:?}");
    }
}

#[test]
fn teaser_cards_above_a_headline_stay_out_of_the_body() {
    // One summary under each teaser's headline, then the story with its byline:
    // the headline under the cards starts the article.
    let page = "Home\nNews\nLatest headlines\nCouncil approves the new bridge over the river\nThe vote came after two years of debate about the cost of the project and its route.\nSchools close early for the summer heat wave\nParents were told on Friday that classes would end at noon for the rest of the week.\nThe harbour reopens after a week of repairs\nBy Jane Roe\nThe harbour reopened on Monday after a week of repairs, and the ferries run again on their usual timetable.\nThe first ship to dock was a ferry from the islands, carrying two hundred passengers and their cars.\nDock workers said the new cranes would load ships twice as fast as the old ones did before the storm.\nThe port authority expects the number of ships calling at the harbour to double within the next five years.\nContact\n";
    let out = extract_page(page, "https://example.org/news/the-harbour-reopens-after-a-week-of-repairs");
    let body = body_paragraphs(&out);
    assert_eq!(
        body.first(),
        Some(&"The harbour reopened on Monday after a week of repairs, and the ferries run again on their usual timetable."),
        "{body:?}"
    );
}

#[test]
fn a_blogs_list_of_its_other_posts_ends_the_article() {
    let pages = [
        (
            "How we moved our garden to raised beds",
            "We built six raised beds over the winter, and the tomatoes and beans grew better in them than they ever did in the old clay soil.",
            "More articles",
            "A short guide to keeping chickens in a small town garden, with the mistakes we made in the first year and what we would do again.",
        ),
        (
            "Wie wir unseren Garten auf Hochbeete umgestellt haben",
            "Wir haben im Winter sechs Hochbeete gebaut, und die Tomaten und Bohnen sind darin besser gewachsen als je zuvor in dem alten Lehmboden.",
            "Weitere Beiträge",
            "Eine kurze Anleitung zur Haltung von Hühnern in einem kleinen Stadtgarten, mit den Fehlern aus dem ersten Jahr und dem, was wir wieder tun würden.",
        ),
        (
            "Cómo pasamos nuestro huerto a bancales elevados",
            "Construimos seis bancales elevados durante el invierno, y los tomates y las judías crecieron en ellos mejor que nunca en la vieja tierra de arcilla.",
            "Más artículos",
            "Una guía breve para criar gallinas en un pequeño huerto de ciudad, con los errores del primer año y lo que volveríamos a hacer.",
        ),
    ];
    for (title, sentence, header, teaser) in pages {
        let cards: String = TAGS[5..].iter().map(|t| format!("Post {t}\n{teaser} {t}\n")).collect();
        let page = format!("Home\nBlog\n{title}\n{}{header}\n{cards}Contact\nImprint\n", long_paragraphs(sentence, 6));
        assert!(read_lines(&format!("{header}\n"))[0].is_break(), "{header}");
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        assert_eq!(body.len(), 6, "{header}: {body:#?}");
        assert!(!body.iter().any(|b| b.contains(teaser)), "{header}");
    }
}

/// Body text of a page: its paragraphs and captions before the teaser zone.
fn body_of(page: &TextPage) -> String {
    page.blocks
        .iter()
        .take_while(|b| b.kind != BlockKind::RelatedBreak)
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Caption))
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_list_of_other_questions_does_not_outweigh_the_answer() {
    // (question asked, answer's two paragraphs, eight other questions, label between)
    let cases = [
        (
            "How do I keep bread fresh for a week?",
            "Wrap the loaf in a clean cotton towel and keep it in a bread box at room temperature, away from the oven and the sun.",
            "Do not put it in the fridge: the cold makes the crumb go stale faster than the air of the kitchen does.",
            [
                "Why does my sourdough starter smell like nail polish after a week?",
                "Is it safe to eat bread with a small spot of mould cut away?",
                "What is the difference between bread flour and the plain flour in most shops?",
                "How long can I keep a frozen loaf before it loses its taste?",
                "Can I bake a loaf in a cast iron pot without preheating it first?",
                "Why does the crust of my bread go soft a few hours after baking?",
                "Which oils can replace butter in a sandwich loaf without changing it?",
                "How do I tell when a loaf is baked through without cutting it open?",
            ],
            "Other questions",
        ),
        (
            "Comment garder le pain frais pendant une semaine ?",
            "Enveloppez le pain dans un torchon de coton propre et gardez-le dans une boîte à pain, loin du four et du soleil.",
            "Ne le mettez pas au réfrigérateur : le froid rassit la mie plus vite que l'air de la cuisine.",
            [
                "Pourquoi mon levain sent-il le dissolvant au bout d'une semaine dans le placard ?",
                "Peut-on manger du pain avec une petite tache de moisissure une fois coupée ?",
                "Quelle est la différence entre la farine de type 65 et la farine de type 55 ?",
                "Combien de temps peut-on garder un pain congelé sans qu'il perde son goût ?",
                "Peut-on cuire un pain dans une cocotte en fonte sans la préchauffer avant ?",
                "Pourquoi la croûte de mon pain ramollit-elle quelques heures après la cuisson ?",
                "Quelles huiles peuvent remplacer le beurre dans un pain de mie sans le changer ?",
                "Comment savoir si un pain est bien cuit à cœur sans avoir à le couper ?",
            ],
            "Autres questions",
        ),
    ];
    for (question, first, second, others, label) in cases {
        let mut page = format!("{question}\n{first}\n{second}\n{label}\n");
        for (i, other) in others.iter().enumerate() {
            page.push_str(&format!("{}\n{other}\n", i + 3));
        }
        let out = extract_page(&page, "https://example.org/questions/123/keep-bread-fresh");
        let body = body_of(&out);
        assert!(body.contains(first) && body.contains(second), "{body}");
        assert!(others.iter().all(|o| !body.contains(o)), "{body}");
    }
    // An article asking a few questions in a row keeps them.
    let page = "Five questions before you buy a bike\nBuying a bike is easier when you know what you need it for, and a shop will ask you the same questions as this guide does.\nHow far do you ride on a normal day, and on which kind of road or path?\nDo you need to carry children, shopping or a laptop on the way to work?\nWill the bike stay outside at night, in the rain and in the cold of winter?\nThe answers point to a frame, a set of tyres and a lock that fit the way you ride.\n";
    let body = body_of(&extract_page(page, ""));
    assert!(body.contains("Do you need to carry children"), "{body}");
}

#[test]
fn dated_teaser_cards_after_the_article_are_left_out() {
    // (article's paragraphs, cards of headline, author, date, summary)
    let cases = [
        (
            [
                "The city council voted on Tuesday to close the old harbour bridge to cars from March, after engineers found cracks in two of its steel beams.",
                "Buses and bicycles will still cross it, and the council will pay for a ferry to run every ten minutes while the repairs last, which may be two years.",
                "Shop owners on the south bank said the closing would cut their trade by a third, and asked the council to open a temporary road along the quay.",
                "The mayor said the bridge was not dangerous today, but that the council could not wait for the cracks to grow before doing the work they need.",
                "The bridge was built in 1898 and has carried the tram, then the buses and the cars of the town for more than a hundred years without a long closing.",
                "Engineers will first lift the deck to reach the beams, then replace the two that are cracked and check every rivet of the others before it opens again.",
                "Drivers coming from the east will be sent over the new bridge by the station, which adds about ten minutes to a trip across town at rush hour.",
                "The council will hold a public meeting at the town hall next Thursday evening to explain the plans and to hear what the people of the quay think.",
            ],
            [
                ("New school opens in the north", "Jane Roe", "Monday November 18, 2019", "The new school on the hill opened its doors to three hundred pupils on Monday, two years after the council approved the plans for it."),
                ("Rail strike is called off", "John Doe", "Monday November 18, 2019", "The union called off the strike planned for next week after the rail company agreed to meet it again to talk about the drivers' pay."),
                ("Market hall gets a new roof", "Ann Smith", "Sunday November 17, 2019", "Work on the roof of the market hall will start in the spring and the stalls will move to the square next to the church while it lasts."),
                ("Library hours cut in winter", "Tom Brown", "Sunday November 17, 2019", "The central library will close at five in the afternoon from December to February to save on heating, the council said in a statement."),
            ],
        ),
        (
            [
                "Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke ab März für Autos zu sperren, nachdem Ingenieure Risse in zwei Stahlträgern gefunden hatten.",
                "Busse und Fahrräder dürfen die Brücke weiter nutzen, und die Stadt bezahlt eine Fähre, die während der Reparatur alle zehn Minuten über den Fluss fährt.",
                "Die Geschäftsleute am Südufer sagten, die Sperrung koste sie ein Drittel ihres Umsatzes, und baten die Stadt um eine provisorische Straße am Kai entlang.",
                "Der Bürgermeister sagte, die Brücke sei heute nicht gefährlich, aber die Stadt könne nicht warten, bis die Risse größer werden, bevor sie die Arbeiten beginnt.",
                "Die Brücke wurde im Jahr 1898 gebaut und hat seitdem die Straßenbahn, dann die Busse und die Autos der Stadt getragen, ohne je lange gesperrt zu sein.",
                "Die Ingenieure heben zuerst die Fahrbahn an, um an die Träger zu kommen, ersetzen dann die beiden gerissenen und prüfen jede Niete der anderen.",
                "Autofahrer aus dem Osten werden über die neue Brücke am Bahnhof geleitet, was die Fahrt durch die Stadt im Berufsverkehr um etwa zehn Minuten verlängert.",
                "Der Stadtrat lädt am nächsten Donnerstagabend zu einer Versammlung ins Rathaus ein, um die Pläne zu erklären und die Anwohner am Kai anzuhören.",
            ],
            [
                ("Neue Schule im Norden eröffnet", "Anna Roth", "Montag, 18. November 2019", "Die neue Schule auf dem Hügel hat am Montag dreihundert Schüler begrüßt, zwei Jahre nachdem der Stadtrat die Pläne dafür genehmigt hatte."),
                ("Bahnstreik in letzter Minute abgesagt", "Jan Vogel", "Montag, 18. November 2019", "Die Gewerkschaft hat den Streik für die nächste Woche abgesagt, nachdem die Bahn einem neuen Treffen über die Löhne der Lokführer zugestimmt hatte."),
                ("Markthalle bekommt ein neues Dach", "Eva Berg", "Sonntag, 17. November 2019", "Die Arbeiten am Dach der Markthalle beginnen im Frühjahr, und die Stände ziehen für diese Zeit auf den Platz neben der Kirche um."),
                ("Bibliothek im Winter kürzer offen", "Tom Braun", "Sonntag, 17. November 2019", "Die Stadtbibliothek schließt von Dezember bis Februar schon um fünf Uhr am Nachmittag, um Heizkosten zu sparen, teilte die Stadt mit."),
            ],
        ),
    ];
    for (article, cards) in cases {
        let mut page = String::from("Harbour bridge to close to cars\n");
        for p in article {
            page.push_str(p);
            page.push('\n');
        }
        for (headline, author, date, summary) in cards {
            page.push_str(&format!("{headline}\n{author}\n{date}\n{summary}\n"));
        }
        let out = extract_page(&page, "https://example.org/news/harbour-bridge");
        let body = body_of(&out);
        assert!(article.iter().all(|p| body.contains(p)), "{body}");
        assert!(cards.iter().all(|c| !body.contains(c.3) && !body.contains(c.0)), "{body}");
    }
}

#[test]
fn a_page_read_whole_for_too_little_prose_still_reads_its_byline() {
    // (headline, byline, date, the one short paragraph, the author)
    let cases = [
        (
            "Club opens its new season in Leeds",
            "By Jane Roe",
            "March 3, 2024",
            "The club opened its season on Saturday with a win over the visitors from the coast.",
            "Jane Roe",
        ),
        (
            "El club abre la temporada en Sevilla",
            "Por Juan Pérez",
            "3 de marzo de 2024",
            "El club abrió la temporada el sábado con una victoria ante el equipo de la costa.",
            "Juan Pérez",
        ),
    ];
    for (headline, byline, date, paragraph, author) in cases {
        let mut page = String::from("Home\nContact us\nPrivacy policy\n");
        // Menu entries told apart by letters (digits are no part of a line's key).
        let name = |i: u8| format!("{}{}", char::from(b'a' + i % 26), char::from(b'a' + i / 26));
        for i in 0..30 {
            page.push_str(&format!("Section {}\n", name(i)));
        }
        page.push_str(&format!("{headline}\n{byline}\n{date}\n{paragraph}\n"));
        for i in 0..20 {
            page.push_str(&format!("Team {}\n", name(i)));
        }
        let out = extract_page(&page, "https://example.org/sport/club-season");
        assert!(out.signals.fallback, "{byline}");
        assert_eq!(out.authors, vec![author.to_string()], "{byline}");
        assert!(out.blocks.iter().any(|b| b.kind == BlockKind::Byline && b.text.contains(date)), "{byline}");
        let body = body_of(&out);
        assert!(body.contains(paragraph) && body.contains("Team ta") && !body.contains(byline), "{body}");
    }
}

/// A Q&A page: the question and the asker's attempt, the chrome under it ending in an invitation to
/// comment, the answer count and sorting controls, then two answers, each
/// under its own controls and invitation.
fn qa_page(question: &str, attempt: [&str; 2], invite: &str, answers: &str, answer: &[String]) -> String {
    let mut page = String::from("Skip to main content\nHome\nQuestions\nTags\nUsers\nAsk Question\n");
    page += &format!("{question}\n{} {}\n", attempt[0], attempt[1]);
    page += "Share\nImprove this question\nFollow\nedited\nOct 5, 2018 at 14:20\njdoe\n12.5k\n13\n50\nasked\nOct 5, 2018 at 12:45\nPdp\n0\n";
    page += &format!("{invite}\n|\n{answers}\n1\nSorted by:\nReset to default\nHighest score (default)\nDate modified (newest first)\nDate created (oldest first)\n2\n");
    page += &format!("{}\n{}\n", answer[0], answer[1]);
    page += &format!(
        "Share\nImprove this answer\nFollow\nanswered\nOct 5, 2018 at 14:26\njroe\n121\n1\n1\n{invite}\n|\n3\n"
    );
    // The second answer's two paragraphs: the last sums the first up.
    page += &format!("{0}\nIn short: {0}\nShare\nImprove this answer\nFollow\nanswered\nOct 6, 2018 at 09:12\nmroe\n57\n{invite}\n|\n", answer[2]);
    page += "You must log in to answer this question.\nFeatured on Meta\nAbout\nPress\nPrivacy\n";
    page
}

#[test]
fn an_invitation_to_comment_under_every_post_does_not_split_question_from_answers() {
    let cases = [
        (
            "Would someone please help me identify the type of each word in the following sentence from my lesson?",
            "Add a comment",
            "2 Answers",
            [
                "The first word is the subject of the sentence, the one performing the action that the verb describes.",
                "The auxiliaries before the main verb define when the action takes place, here in the near future.",
                "The last word is an adverb that describes the time, which the auxiliaries already said before it.",
            ],
        ),
        (
            "Quelqu'un pourrait-il m'aider à trouver la nature de chaque mot dans la phrase suivante de ma leçon ?",
            "Ajouter un commentaire",
            "2 réponses",
            [
                "Le premier mot est le sujet de la phrase, celui qui fait l'action que le verbe décrit dans la suite.",
                "Les auxiliaires placés avant le verbe principal disent quand l'action a lieu, ici dans un futur proche.",
                "Le dernier mot est un adverbe de temps, ce que les auxiliaires disaient déjà un peu plus tôt dans la phrase.",
            ],
        ),
        (
            "Könnte mir bitte jemand helfen, die Wortart jedes Wortes im folgenden Satz aus meiner Lektion zu bestimmen?",
            "Kommentar schreiben",
            "2 Antworten",
            [
                "Das erste Wort ist das Subjekt des Satzes, also derjenige, der die Handlung ausführt, die das Verb beschreibt.",
                "Die Hilfsverben vor dem Hauptverb sagen, wann die Handlung stattfindet, hier in der nahen Zukunft.",
                "Das letzte Wort ist ein Adverb der Zeit, was die Hilfsverben schon vorher in dem Satz gesagt hatten.",
            ],
        ),
        (
            "¿Alguien podría ayudarme a identificar el tipo de cada palabra en la siguiente oración de mi lección?",
            "Comentar",
            "2 respuestas",
            [
                "La primera palabra es el sujeto de la oración, la que realiza la acción que describe el verbo principal.",
                "Los auxiliares antes del verbo principal indican cuándo ocurre la acción, en este caso en el futuro.",
                "La última palabra es un adverbio de tiempo, algo que los auxiliares ya decían antes en la oración.",
            ],
        ),
    ];
    for (question, invite, answers, answer) in cases {
        // Each answer a line of three sentences; the asker's attempt, one
        // line, quotes what the first two answers then confirm.
        let attempt = [answer[1], answer[0]];
        let answer = answer.map(|a| format!("{a} {a} {a}"));
        let page = qa_page(question, attempt, invite, answers, &answer);
        // The article's run (where title, byline and body are read) holds
        // the question and both answers.
        let lines = {
            let mut lines = read_lines(&page);
            demote_question_lists(&mut lines);
            demote_post_controls(&mut lines);
            lines
        };
        let at = |text: &str| lines.iter().position(|l| l.text == text).unwrap();
        let (start, end, _) = article_run(&lines, true).unwrap();
        assert!(start <= at(question), "{invite}: the question is left out");
        for a in &answer {
            assert!(end >= at(a), "{invite}: an answer is left out");
        }
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        for a in &answer {
            assert!(body.contains(&a.as_str()), "{invite}: an answer is lost: {body:?}");
        }
        assert!(!body.contains(&invite), "{invite}: the invitation stays: {body:?}");
    }
}

#[test]
fn a_comments_header_printed_once_still_ends_the_article() {
    // A thread without "says:" headers: only the invitation tells where it starts.
    let article = comment_test_article();
    let thread = "I could not agree more with everything that was said in this article about the ferries and the harbour.\n\
                  My grandmother worked on those ferries for thirty years, and she always said the harbour was the heart of the town.\n";
    let with = format!("Home\nNews\nThe harbour reopens\n{article}Leave a comment\n{thread}");
    let out = extract_page(&with, "");
    let body = body_paragraphs(&out);
    assert!(!body.iter().any(|p| p.starts_with("I could not agree")), "{body:?}");
    assert!(body.iter().any(|p| p.starts_with("Part 8.")), "{body:?}");
    // Without the header nothing marks the thread: the test would pass for no reason.
    let without = format!("Home\nNews\nThe harbour reopens\n{article}{thread}");
    let out = extract_page(&without, "");
    let body = body_paragraphs(&out);
    assert!(body.iter().any(|p| p.starts_with("I could not agree")), "{body:?}");
}

/// Eight distinct paragraphs about a harbour.
fn comment_test_article() -> String {
    let para = [
        "The council voted on Monday to reopen the harbour after a week of repairs, and the ferries run again from the islands.",
        "The first ship to dock was a ferry carrying two hundred passengers, most of them workers coming back to the mainland.",
    ];
    (0..8).map(|i| format!("Part {}. {}\n", i + 1, para[i % 2])).collect()
}

#[test]
fn an_invitation_in_the_post_meta_does_not_open_the_thread() {
    // WordPress prints "Leave a comment" under the byline and again above the
    // thread: the first has no prose above it, so the second still ends the article.
    let article = comment_test_article();
    let page = format!(
        "Home\nNews\nThe harbour reopens\nBy Jane Roe\nLeave a comment\n{article}Leave a comment\n\
         I could not agree more with everything that was said in this article about the ferries and the harbour.\n\
         My grandmother worked on those ferries for thirty years, and she always said the harbour was the heart of the town.\n"
    );
    let out = extract_page(&page, "");
    let body = body_paragraphs(&out);
    assert!(body.iter().any(|p| p.starts_with("Part 8.")), "{body:?}");
    assert!(!body.iter().any(|p| p.starts_with("I could not agree")), "{body:?}");
}

/// An article of eight paragraphs, a promotion's line, its pitch and the
/// form's fine print.
fn promo_page(title: &str, paras: [&str; 2], promo: &str, pitch: [&str; 2]) -> String {
    let mut page = format!("Home\nNews\n{title}\n");
    for i in 0..8 {
        page += &format!("Part {}. {}\n", i + 1, paras[i % 2]);
    }
    page += &format!("{promo}\n{}\nEmail address\n{}\nPrivacy\n", pitch[0], pitch[1]);
    page
}

#[test]
fn a_newsletter_promotion_after_the_article_ends_it() {
    let cases = [
        (
            "The harbour reopens after a week of repairs",
            [
                "The council voted on Monday to reopen the harbour after a week of repairs, and the ferries run again from the islands.",
                "The first ship to dock was a ferry carrying two hundred passengers, most of them workers coming back to the mainland.",
            ],
            "Sign up for our newsletter",
            [
                "Get the best of our stories in your inbox every Friday morning, with the week's news from the harbour and the islands.",
                "By signing up you agree to our terms and to receiving our emails, and you can unsubscribe at any time from the link.",
            ],
        ),
        (
            "Le port rouvre après une semaine de travaux",
            [
                "Le conseil a voté lundi la réouverture du port après une semaine de travaux, et les ferries circulent de nouveau depuis les îles.",
                "Le premier navire à accoster était un ferry qui transportait deux cents passagers, pour la plupart des ouvriers qui rentraient.",
            ],
            "Abonnez-vous à notre newsletter",
            [
                "Recevez chaque vendredi matin le meilleur de nos articles dans votre boîte, avec les nouvelles du port et des îles.",
                "En vous inscrivant, vous acceptez nos conditions et nos courriels, et vous pouvez vous désinscrire à tout moment par le lien.",
            ],
        ),
        (
            "Der Hafen öffnet nach einer Woche Reparaturen wieder",
            [
                "Der Rat hat am Montag beschlossen, den Hafen nach einer Woche Reparaturen wieder zu öffnen, und die Fähren fahren wieder von den Inseln.",
                "Das erste Schiff, das anlegte, war eine Fähre mit zweihundert Fahrgästen, die meisten von ihnen Arbeiter auf dem Weg nach Hause.",
            ],
            "Newsletter abonnieren",
            [
                "Erhalten Sie jeden Freitagmorgen die besten unserer Geschichten in Ihr Postfach, mit den Nachrichten aus dem Hafen und von den Inseln.",
                "Mit der Anmeldung stimmen Sie unseren Bedingungen zu und können sich jederzeit über den Link in jeder E-Mail wieder abmelden.",
            ],
        ),
        (
            "El puerto reabre tras una semana de obras",
            [
                "El consejo votó el lunes reabrir el puerto tras una semana de obras, y los transbordadores vuelven a salir desde las islas.",
                "El primer barco en atracar fue un transbordador con doscientos pasajeros, la mayoría trabajadores que volvían a tierra firme.",
            ],
            "Suscríbete a nuestro boletín",
            [
                "Recibe cada viernes por la mañana lo mejor de nuestras historias en tu correo, con las noticias del puerto y de las islas.",
                "Al suscribirte aceptas nuestras condiciones y nuestros correos, y puedes darte de baja en cualquier momento desde el enlace.",
            ],
        ),
    ];
    for (title, paras, promo, pitch) in cases {
        let out = extract_page(&promo_page(title, paras, promo, pitch), "");
        let body = body_paragraphs(&out);
        assert_eq!(body.len(), 8, "{promo}: {body:?}");
        assert!(body.iter().all(|p| paras.iter().any(|q| p.ends_with(q))), "{promo}: {body:?}");
    }
}

#[test]
fn an_article_going_on_after_a_promotion_or_a_list_of_sign_ups_keeps_it() {
    let paras = [
        "The council voted on Monday to reopen the harbour after a week of repairs, and the ferries run again from the islands.",
        "The first ship to dock was a ferry carrying two hundred passengers, most of them workers coming back to the mainland.",
    ];
    // A promotion box halfway down: the article goes on below it.
    let mut page = String::from("Home\nNews\nThe harbour reopens after a week of repairs\n");
    for i in 0..8 {
        if i == 4 {
            page += "Sign up for our newsletter\n";
        }
        page += &format!("Part {}. {}\n", i + 1, paras[i % 2]);
    }
    let out = extract_page(&page, "");
    assert_eq!(body_paragraphs(&out).iter().filter(|p| p.starts_with("Part ")).count(), 8);
    // Sign-up links opening each entry of a list of volunteer places.
    let mut page = String::from("Home\nNews\nWhere to volunteer this winter\n");
    for i in 0..6 {
        page += &format!("Part {}. {}\n", i + 1, paras[i % 2]);
    }
    for (place, what) in [
        (
            "Harbour Food Bank",
            "Sort the donations and help the families who come to the food bank find what they need.",
        ),
        ("Island Shelter", "Cook the evening meal and keep the shelter's common room open for the guests who stay."),
        (
            "Ferry Workers' Aid",
            "Answer the phone line and help the workers' families with their forms and their letters.",
        ),
    ] {
        page += &format!("Sign up here {place}\n{what}\n");
    }
    let out = extract_page(&page, "");
    let body = body_paragraphs(&out);
    assert!(body.contains(&"Sign up here Island Shelter"), "{body:?}");
    assert!(body.iter().any(|p| p.starts_with("Answer the phone line")), "{body:?}");
}

/// A forum thread: the opening post, its controls, a comments header printed
/// once, and three replies under the same controls.
fn forum_thread(header: &str, controls: [&str; 2], post: [&str; 2], replies: [&str; 3]) -> String {
    let mut page = "Forums\nNew posts\nThe thread's title\n".to_string();
    for i in 0..8 {
        page += &format!("{}. {}\n", i + 1, post[i % 2]);
    }
    page += &format!("{}\n{}\n{header}\n", controls[0], controls[1]);
    for (i, reply) in replies.iter().enumerate() {
        page += &format!("member{i}\n\n{reply}\n{}\n{}\n\n", controls[0], controls[1]);
    }
    page
}

#[test]
fn a_forum_threads_replies_under_the_posts_controls_stay() {
    let cases = [
        (
            "Comments",
            ["Quote", "Report post"],
            [
                "We are building a small home cinema in a room of about four metres by three, and I would like some advice on the speakers before I buy them.",
                "My only experience with surround sound so far is a cheap system in a box, so any advice on the layout and the choice of speakers would help a lot.",
            ],
            [
                "Put the front speakers at ear height if you can, and keep the centre speaker as close to the screen as the room allows, it carries most of the dialogue.",
                "I would spend more on the front three and less on the rear ones, because you will hear the difference there every day, while the rear ones do little most of the time.",
                "Do not forget the subwoofer: move it around the room while a friend plays some music, and leave it where the bass sounds even from your seat.",
            ],
        ),
        (
            "Kommentare",
            ["Zitieren", "Beitrag melden"],
            [
                "Wir bauen gerade ein kleines Heimkino in einem Raum von etwa vier mal drei Metern und ich hätte gerne einen Rat zu den Lautsprechern, bevor ich sie kaufe.",
                "Meine einzige Erfahrung mit Raumklang ist bisher ein billiges Komplettsystem, daher hilft mir jeder Rat zur Aufstellung und zur Wahl der Lautsprecher sehr.",
            ],
            [
                "Stell die vorderen Lautsprecher wenn möglich auf Ohrhöhe und den Center so nah am Bild auf, wie es der Raum erlaubt, denn er trägt fast alle Dialoge.",
                "Ich würde mehr Geld für die drei vorderen und weniger für die hinteren ausgeben, weil man den Unterschied dort jeden Tag hört, die hinteren aber selten.",
                "Vergiss den Subwoofer nicht und probiere ihn an mehreren Stellen im Raum aus, bis der Bass von deinem Platz aus gleichmäßig klingt und nicht dröhnt.",
            ],
        ),
        (
            "Commentaires",
            ["Citer", "Signaler"],
            [
                "Nous installons une petite salle de cinéma dans une pièce de quatre mètres sur trois, et je voudrais quelques conseils sur les enceintes avant de les acheter.",
                "Ma seule expérience du son multicanal est un système bon marché tout en un, donc tout conseil sur la disposition et le choix des enceintes m'aiderait beaucoup.",
            ],
            [
                "Placez les enceintes avant à hauteur des oreilles si vous le pouvez, et la centrale aussi près de l'écran que la pièce le permet, elle porte les dialogues.",
                "Je dépenserais davantage pour les trois enceintes avant et moins pour celles de derrière, car la différence s'entend tous les jours devant, rarement derrière.",
                "N'oubliez pas le caisson de basses : essayez plusieurs places dans la pièce jusqu'à ce que les basses sonnent de façon égale depuis votre fauteuil.",
            ],
        ),
    ];
    for (header, controls, post, replies) in cases {
        let page = forum_thread(header, controls, post, replies);
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        assert!(body.iter().any(|p| p.starts_with("8.")), "{header}: the post is cut: {body:?}");
        for reply in replies {
            assert!(body.contains(&reply), "{header}: a reply is lost: {body:?}");
        }
        // The same header above readers' comments without the post's controls still ends the article.
        let comments = page.replacen(&format!("{}\n{}\n{header}", controls[0], controls[1]), header, 1);
        let comments = comments.replace(&format!("{}\n{}\n", controls[0], controls[1]), "");
        let out_without = extract_page(&comments, "");
        let body_without = body_paragraphs(&out_without);
        assert!(body_without.iter().any(|p| p.starts_with("8.")), "{header}: {body_without:?}");
        assert!(!body_without.contains(&replies[0]), "{header}: the comments stay: {body_without:?}");
    }
}

#[test]
fn one_line_coming_back_under_comments_does_not_make_a_thread() {
    // The author's name above the comments comes back wherever the author replies.
    let post = [
        "The city council voted on Tuesday to close the old swimming pool at the end of the summer, after the last inspection found cracks in its walls.",
        "The pool opened in 1962 and the council says repairs would cost more than a new pool, which it hopes to build within four years near the station.",
    ];
    let replies = [
        "Thanks for reading, the council will publish the inspection report next week and I will write about it then.",
        "My children learned to swim there and it is sad to see it go, but the walls have been in a poor state for years.",
        "The report is due on Monday, and the council has promised a public meeting about the new pool the week after.",
        "Four years without a pool is a long time for the schools that use it, I hope they find a way to rent another one.",
    ];
    let mut page = "Home\nNews\nThe pool will close\n".to_string();
    for i in 0..8 {
        page += &format!("{}. {}\n", i + 1, post[i % 2]);
    }
    page += "Jane Roe\nComments\n";
    for (i, reply) in replies.iter().enumerate() {
        let who = if i % 2 == 0 { "Jane Roe".to_string() } else { format!("reader{i}") };
        page += &format!("{who}\n{reply}\n");
    }
    let out = extract_page(&page, "");
    let body = body_paragraphs(&out);
    assert!(body.iter().any(|p| p.starts_with("8.")), "the article is cut: {body:?}");
    assert!(!body.contains(&replies[1]), "the comments stay: {body:?}");
}

/// A listing with no prose: a menu, entries that print the same field labels,
/// and the menu again in the footer.
fn animal_listing(labels: [&str; 2], entries: &[(&str, &str, &str)]) -> String {
    let menu = "Dogs\nCats\nHorses\nRabbits\nBirds\nReptiles\n";
    let mut page = menu.to_string();
    for (name, breed, age) in entries {
        page += &format!("{name}\n{}\n{breed}\n{}\n{age}\n", labels[0], labels[1]);
    }
    page + menu
}

#[test]
fn a_listing_read_whole_keeps_each_entrys_labels_and_drops_the_menus_copy() {
    let cases = [
        (
            ["Breed:", "Age:"],
            [("Arrow", "Beagle", "3 years"), ("Bella", "Pony", "6 years"), ("Carla", "Shepherd", "7 months")],
        ),
        (
            ["Rasse:", "Alter:"],
            [("Arrow", "Beagle", "3 Jahre"), ("Bella", "Pony", "6 Jahre"), ("Carla", "Schäferhund", "7 Monate")],
        ),
        (
            ["Race :", "Âge :"],
            [("Arrow", "Beagle", "3 ans"), ("Bella", "Poney", "6 ans"), ("Carla", "Berger", "7 mois")],
        ),
    ];
    for (labels, entries) in cases {
        let page = animal_listing(labels, &entries);
        let out = extract_page(&page, "");
        assert!(out.signals.fallback, "{labels:?}");
        let texts: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
        for label in labels {
            let n = texts.iter().filter(|t| t.contains(label)).count();
            assert_eq!(n, entries.len(), "{label}: {texts:?}");
        }
        for item in ["Dogs", "Cats", "Horses", "Rabbits", "Birds", "Reptiles"] {
            assert_eq!(texts.iter().filter(|&&t| t == item).count(), 1, "{item}: {texts:?}");
        }
    }
}

#[test]
fn short_labels_printed_again_in_an_article_stay_and_a_caption_copy_goes() {
    let page = "Home\nNews\nAn interview with the harbour master\nThe harbour master spoke to us on Monday about the repairs, the ferries and the new cranes on the quay.\nQuestion:\nHow long did the repairs to the quay take after the storm in the autumn?\nAnna Berg:\nThe repairs took a week, and the ferries ran again on their usual timetable from the Monday after.\nA crane lifts a container on the new quay at dawn\nQuestion:\nWill the new cranes change how many ships call at the harbour each year?\nAnna Berg:\nThey load ships twice as fast as the old ones, so we expect the number of ships to double within five years.\nA crane lifts a container on the new quay at dawn\nContact\n";
    let out = extract_page(page, "");
    let body = body_paragraphs(&out);
    assert_eq!(body.iter().filter(|t| **t == "Question:").count(), 2, "{body:?}");
    assert_eq!(body.iter().filter(|t| **t == "Anna Berg:").count(), 2, "{body:?}");
    let caption = "A crane lifts a container on the new quay at dawn";
    assert_eq!(out.blocks.iter().filter(|b| b.text == caption).count(), 1, "{:?}", texts(&out.blocks));
}

#[test]
fn kurze_bezeichnungen_bleiben_im_artikel_auch_wenn_sie_wiederkehren() {
    let page = "Startseite\nRezepte\nPfannkuchen für vier Personen\nDiese Pfannkuchen gelingen auch Anfängern, wenn man den Teig eine halbe Stunde ruhen lässt und die Pfanne gut erhitzt.\nZutaten:\nMehl, Milch, drei Eier, eine Prise Salz und etwas Butter für die Pfanne.\nTipp:\nDen Teig mit einem Schneebesen rühren, bis keine Klümpchen mehr zu sehen sind, und dann abgedeckt ruhen lassen.\nFüllung für vier Personen\nZutaten:\nZwei Äpfel, ein Esslöffel Zucker und ein Teelöffel Zimt, alles in Butter kurz angebraten.\nTipp:\nDie Äpfel in dünne Scheiben schneiden, damit sie in der Pfanne gleichmäßig weich werden und nicht zerfallen.\nKontakt\n";
    let out = extract_page(page, "");
    let body = body_paragraphs(&out);
    assert_eq!(body.iter().filter(|t| **t == "Zutaten:").count(), 2, "{body:?}");
    assert_eq!(body.iter().filter(|t| **t == "Tipp:").count(), 2, "{body:?}");
}

#[test]
fn a_photo_credit_under_a_picture_leaves_the_body_en() {
    let page = "Home\nNews\nFerries return to the harbour\nThe harbour reopened on Monday after a week of repairs, and the ferries run again on their usual timetable.\nA crane lifts a container on the new quay\nPhoto: Jane Roe, AP\nThe first ship to dock was a ferry from the islands, carrying two hundred passengers and their cars.\nCredit: Getty Images\nThe harbour master said the new cranes would load ships twice as fast as the old ones did.\nContact\n";
    let out = extract_page(page, "");
    let all = texts(&out.blocks);
    assert!(all.iter().all(|(_, t)| !t.starts_with("Photo:") && !t.starts_with("Credit:")), "{all:?}");
    assert!(all.iter().any(|(_, t)| *t == "A crane lifts a container on the new quay"), "{all:?}");
    assert_eq!(body_paragraphs(&out).len(), 4, "{all:?}");
}

#[test]
fn ein_bildnachweis_gehoert_nicht_zum_text_de_fr_es() {
    for (credit, page) in [
        ("Foto: dpa", "Startseite\nDie Fähren fahren wieder\nDer Hafen wurde am Montag nach einer Woche Reparaturen wieder geöffnet, und die Fähren fahren nach ihrem Fahrplan.\nFoto: dpa\nDas erste Schiff war eine Fähre von den Inseln mit zweihundert Fahrgästen und ihren Autos an Bord.\nKontakt\n"),
        ("Crédit : AFP", "Accueil\nLes ferries reviennent au port\nLe port a rouvert lundi après une semaine de travaux, et les ferries circulent de nouveau selon leur horaire habituel.\nCrédit : AFP\nLe premier navire à accoster était un ferry venu des îles, avec deux cents passagers et leurs voitures.\nContact\n"),
        ("Foto: EFE", "Inicio\nLos transbordadores vuelven al puerto\nEl puerto reabrió el lunes tras una semana de obras, y los transbordadores vuelven a circular con su horario habitual.\nFoto: EFE\nEl primer barco en atracar fue un transbordador de las islas, con doscientos pasajeros y sus coches a bordo.\nContacto\n"),
    ] {
        let out = extract_page(page, "");
        let body = body_paragraphs(&out);
        assert!(!body.contains(&credit), "{credit}: {body:?}");
        assert_eq!(body.len(), 2, "{credit}: {body:?}");
    }
}

#[test]
fn a_configuration_line_is_no_photo_credit() {
    assert!(is_photo_credit("Photo: Jane Roe, AP"));
    assert!(is_photo_credit("Photograph by: Jane Roe/Getty Images"));
    assert!(is_photo_credit("Image © Acme"));
    assert!(is_photo_credit("Crédit : AFP"));
    assert!(!is_photo_credit("image: nginx:latest"));
    assert!(!is_photo_credit("Photography: a beginner's guide to light"));
    assert!(!is_photo_credit("Question:"));
    assert!(!is_photo_credit("Photo of the day"));
    assert!(is_photo_credit("Image by: Screenshot by Jane Roe."));
    assert!(is_photo_credit("Foto: picture alliance / dpa"));
    assert!(is_photo_credit("Photo: Jane Roe for The New York Times"));
    // A heading or a teaser after the label is no credit.
    assert!(!is_photo_credit("Credit: what lenders look at first"));
    assert!(!is_photo_credit("PHOTOS: Storm damage across the county"));
    assert!(!is_photo_credit("Bild: So sieht das neue Modell aus"));
    assert!(!is_photo_credit("Photos: Who wore it best?"));
}

/// A forum thread: four posts, each under the poster's name and the same
/// fields (a rank, a club's badge, a post count, a date, a reaction button).
fn thread_with_post_chrome(rank: &str, club: &str, reaction: &str, posts: [&str; 4]) -> String {
    let mut page = "Forum index\nBoard\nThe thread's title\n".to_string();
    for (i, post) in posts.iter().enumerate() {
        page += &format!("member{i}\n{rank}\n{club}\n{}\nMarch 201{i}\n{reaction}\n{post}\n", 1200 + i);
    }
    page
}

#[test]
fn a_threads_posts_under_the_same_fields_make_one_run() {
    let cases = [
        (
            "Senior Member",
            "Woodturners club",
            "Thumbs up",
            [
                "My lathe started to shake at high speed last week, and I cannot find why. It is a small bench lathe that I bought used two years ago.",
                "Check the belt first, because a worn or loose belt makes the whole machine shake like that. Mine did the same before I changed it.",
                "I had the same problem once, and it was the bearing in the headstock, not the belt. Listen for a grinding noise when it runs.",
                "Thanks to you both, it was the belt after all. I changed it this morning and the lathe runs smoothly now, even at top speed.",
            ],
        ),
        (
            "Erfahrenes Mitglied",
            "Drechslerclub",
            "Gefällt mir",
            [
                "Meine Drehbank fing letzte Woche bei hoher Drehzahl an zu wackeln, und ich finde nicht heraus, warum. Es ist eine kleine gebrauchte Tischdrehbank.",
                "Prüf zuerst den Riemen, denn ein abgenutzter oder lockerer Riemen lässt die ganze Maschine so wackeln. Bei mir war es genauso, bis ich ihn wechselte.",
                "Ich hatte das gleiche Problem einmal, und es war das Lager im Spindelstock, nicht der Riemen. Hör auf ein schleifendes Geräusch, wenn sie läuft.",
                "Danke euch beiden, es war doch der Riemen. Ich habe ihn heute Morgen gewechselt, und die Drehbank läuft jetzt ruhig, auch bei voller Drehzahl.",
            ],
        ),
        (
            "Membre confirmé",
            "Club des tourneurs",
            "J'aime",
            [
                "Mon tour s'est mis à trembler à grande vitesse la semaine dernière, et je ne trouve pas pourquoi. C'est un petit tour d'établi acheté d'occasion.",
                "Vérifiez d'abord la courroie, car une courroie usée ou lâche fait trembler toute la machine comme ça. Le mien faisait pareil avant que je la change.",
                "J'ai eu le même problème une fois, et c'était le roulement de la poupée, pas la courroie. Écoutez s'il y a un bruit de frottement quand il tourne.",
                "Merci à vous deux, c'était bien la courroie. Je l'ai changée ce matin et le tour tourne sans trembler maintenant, même à pleine vitesse.",
            ],
        ),
        (
            "Miembro veterano",
            "Club de torneros",
            "Me gusta",
            [
                "Mi torno empezó a temblar a alta velocidad la semana pasada, y no encuentro por qué. Es un torno pequeño de banco que compré usado hace dos años.",
                "Revisa primero la correa, porque una correa gastada o floja hace temblar toda la máquina así. El mío hacía lo mismo antes de que la cambiara.",
                "Yo tuve el mismo problema una vez, y era el rodamiento del cabezal, no la correa. Escucha si hay un ruido de roce cuando gira el torno.",
                "Gracias a los dos, al final era la correa. La cambié esta mañana y el torno ya gira sin temblar, incluso a la velocidad más alta.",
            ],
        ),
    ];
    for (rank, club, reaction, posts) in cases {
        let page = thread_with_post_chrome(rank, club, reaction, posts);
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        for post in posts {
            assert!(body.contains(&post), "{rank}: {post:?} is lost: {body:?}");
        }
    }
}

#[test]
fn one_label_over_each_teaser_is_no_posts_chrome() {
    // A teaser list prints its section's name over each card: one line, not
    // a post's fields, so the cards keep their weight against the article
    // (even when each card's summary runs to two sentences).
    let mut page = "The headline of the article\n".to_string();
    for day in ["Monday", "Tuesday", "Wednesday"] {
        page +=
            &format!("The council met on {day} to discuss how to rebuild the old harbour wall before the storms.\n");
    }
    for i in 0..4 {
        page += &format!("Local News\nA card's headline number {i}\nWriter {i}\nPicture {i}\nSection {i}\nTag {i}\nA short summary of another story, number {i}. The site wants you to read it next.\n");
    }
    let mut lines = read_lines(&page);
    let before: Vec<i64> = lines.iter().map(|l| l.weight).collect();
    neutral_post_chrome(&mut lines);
    assert_eq!(lines.iter().map(|l| l.weight).collect::<Vec<_>>(), before);
}

/// An article, then a teaser list whose cards repeat a section, a byline
/// and a control over a one-sentence summary each.
fn article_then_teasers(section: &str, byline: &str, save: &str, article: [&str; 3], summaries: [&str; 4]) -> String {
    let mut page = String::new();
    for line in article {
        page += &format!("{line}\n");
    }
    for (i, summary) in summaries.iter().enumerate() {
        page += &format!("{section}\n{byline}\nHeadline of card {i}\nShare\n{save}\n{summary}\n");
    }
    page
}

#[test]
fn teaser_cards_repeating_several_labels_are_no_posts_chrome() {
    // Each card repeats "Local News", "Staff Reporter" and "Save", but says
    // one sentence: no thread, so the cards keep their weight and the body
    // is the article, not the article and the whole list.
    let cases = [
        (
            "Local News",
            "Staff Reporter",
            "Save",
            [
                "The council met on Monday to discuss how to rebuild the old harbour wall before the winter storms arrive.",
                "Engineers told the members that the wall could fail within two years if nothing is done about the cracks.",
                "A final decision on the budget is expected next month, after a public consultation in the town hall.",
            ],
            [
                "A new bakery opens on the high street with bread baked overnight in a wood oven.",
                "The school choir wins a regional prize for the second year running after a strong finale.",
                "Road works on the bridge will close one lane for three weeks from the start of May.",
                "The library extends its opening hours on weekends to meet demand from students.",
            ],
        ),
        (
            "Lokales",
            "Redaktion",
            "Merken",
            [
                "Der Gemeinderat beriet am Montag darüber, wie die alte Hafenmauer vor den Winterstürmen erneuert werden kann.",
                "Ingenieure erklärten den Mitgliedern, dass die Mauer binnen zwei Jahren brechen könnte, wenn nichts geschieht.",
                "Eine Entscheidung über das Geld wird im nächsten Monat erwartet, nach einer Bürgerversammlung im Rathaus.",
            ],
            [
                "Eine neue Bäckerei eröffnet in der Hauptstraße mit Brot aus dem Holzofen, das über Nacht gebacken wird.",
                "Der Schulchor gewinnt zum zweiten Mal in Folge einen regionalen Preis nach einem starken Finale.",
                "Bauarbeiten an der Brücke sperren ab Anfang Mai für drei Wochen eine Fahrspur in beide Richtungen.",
                "Die Bibliothek verlängert am Wochenende ihre Öffnungszeiten, weil immer mehr Studenten kommen.",
            ],
        ),
    ];
    for (section, byline, save, article, summaries) in cases {
        let page = article_then_teasers(section, byline, save, article, summaries);
        let mut lines = read_lines(&page);
        let before: Vec<i64> = lines.iter().map(|l| l.weight).collect();
        neutral_post_chrome(&mut lines);
        assert_eq!(lines.iter().map(|l| l.weight).collect::<Vec<_>>(), before, "{section}");
        let out = extract_page(&page, "");
        let body = body_paragraphs(&out);
        for line in article {
            assert!(body.contains(&line), "{section}: {line:?} is lost: {body:?}");
        }
        for summary in &summaries[1..] {
            assert!(!body.contains(summary), "{section}: {summary:?} is in the body: {body:?}");
        }
    }
}

#[test]
fn a_forms_agreement_is_never_the_articles_text() {
    let forms = [
        ("en", "By clicking Subscribe, you agree to receive marketing emails from us and accept our privacy policy."),
        ("fr", "En cliquant sur Envoyer, vous acceptez de recevoir nos offres par courriel et notre politique de confidentialité."),
        ("de", "Mit dem Absenden des Formulars stimmen Sie der Verarbeitung Ihrer Daten gemäß unserer Datenschutzerklärung zu."),
        ("es", "Al hacer clic en Enviar, aceptas recibir comunicaciones comerciales y nuestra política de privacidad vigente."),
        ("es", "Al suscribirse, acepta nuestra política de privacidad y recibir por correo nuestras ofertas comerciales."),
        ("de", "Indem Sie auf Anmelden klicken, erklären Sie sich mit unseren Nutzungsbedingungen und dem Datenschutz einverstanden."),
        ("en", "By signing up, you acknowledge that you have read our privacy policy and terms of service today."),
    ];
    for (lang, agreement) in forms {
        // The form between two parts of the article: the run holds it, the body does not.
        let page = format!(
            "Home\nNews\n\nCouncil votes to fund the new bridge\n\n{}Email\n{agreement}\nSubmit\n\n{}Share\nContact\n",
            prose_lines(3),
            prose_lines(6).split("\n\n").skip(3).collect::<Vec<_>>().join("\n\n")
        );
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = body_paragraphs(&out);
        assert!(body.iter().any(|p| p.starts_with("Line alpha")), "{lang}: {body:?}");
        assert!(body.iter().any(|p| p.starts_with("Line foxtrot")), "{lang}: {body:?}");
        assert!(!body.iter().any(|p| p == &agreement), "{lang}: {body:?}");
    }
    // An article's sentence that opens the same way but tells no reader what they agree to stays,
    // whatever verb of agreeing it holds.
    let own = [
        "By clicking through the archive, the historians found letters that nobody had read since the war ended.",
        "By checking the flight records, investigators confirmed that the plane left on time.",
        "By completing the merger, both companies agreed to keep the plant open.",
        "By completing the merger, both companies reached an agreement to keep the plant open.",
        "By completing the merger, the board disagreed with the unions about the plant.",
        "By completing the sale, the owners made an unacceptable choice for the whole town.",
        "En validant le budget, les députés ont accepté la réforme.",
        "Al continuar la huelga, el sindicato confirmó que no aceptará la oferta de la empresa.",
        "Mit der Anmeldung zur Wahl bestätigen sie ihre Kandidatur für den Gemeinderat.",
        "Indem sie die Grenze schlossen, stimmen sie dem Plan der Regierung zu.",
    ];
    for own in own {
        let page = format!(
            "Home\n\nThe archive\n\n{}{own}\n\n{}",
            prose_lines(2),
            prose_lines(4).split("\n\n").skip(2).collect::<Vec<_>>().join("\n\n")
        );
        let out = extract_page(&page, "");
        assert!(body_paragraphs(&out).contains(&own), "{own:?}: {:?}", out.blocks);
    }
}

#[test]
fn a_related_resources_header_ends_the_article() {
    let links = [
        ("en", "Related resources"),
        ("fr", "Ressources associées"),
        ("de", "Ähnliche Ressourcen"),
        ("es", "Recursos relacionados"),
        ("en", "Related guides"),
        ("en", "Similar threads"),
        ("en", "Related reads"),
        ("en", "More resources"),
    ];
    for (lang, link) in links {
        let page = format!(
            "Home\n\nCouncil votes to fund the new bridge\n\n{}{link}\nThe mayor opens the winter market\nThe market returns to the old square this year, with sixty stalls and a skating rink beside the fountain.\nThe stallholders were chosen by lot among two hundred applicants from the whole region this autumn.\n",
            prose_lines(10)
        );
        let out = extract_page(&page, "https://example.org/news/council-votes-to-fund-the-new-bridge");
        let body = body_paragraphs(&out);
        assert!(body.iter().any(|p| p.starts_with("Line juliet")), "{lang}: {body:?}");
        assert!(!body.iter().any(|p| p.contains("market") || p.contains("stallholders")), "{lang}: {body:?}");
    }
}
