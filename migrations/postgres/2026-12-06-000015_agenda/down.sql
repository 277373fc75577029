DROP TABLE agenda_feed_tokens;
DROP TABLE agenda_links;
DROP TABLE agenda_partners;
DROP TABLE agenda_speakers;
DROP TABLE agenda_blocks;
DROP TABLE agenda_registrations;
DROP TABLE agenda_organisers;
DROP TABLE agenda_events;
