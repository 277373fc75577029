DROP TABLE wiki_promotions;
DROP TABLE wiki_talk;
DROP TABLE wiki_watches;
DROP TABLE wiki_redirects;
DROP TABLE wiki_links;
DROP TABLE wiki_categories;
DROP TABLE wiki_revisions;
DROP TABLE wiki_pages;
