# Search: the results page (search/results.html) and the messages of the Rust code.
# Every key has the search- prefix and a twin in it/search.ftl (Italian is the reference).
# search-label and search-submit (the form in the header) are in main.ftl.

## Uses from the Rust code

search-unavailable = Search is temporarily unavailable; please try again shortly.
search-date-invalid = Write the date as YYYY-MM-DD, for example 2024-03-31.
search-kind-invalid = Choose a content type from the list.
search-kind-question = Question
search-kind-answer = Answer
search-kind-discussion = Discussion
search-kind-reply = Forum reply
search-kind-wiki = Wiki page
search-kind-member = Member
search-kind-event = Event

## Results page (search/results.html)

search-title = Search
search-title-query = Results for “{ $q }”
search-intro = Search questions, answers, forum discussions, wiki pages and community members.
search-form-label = Search the content
search-field-q = Words to search for
search-filters-legend = Filters
search-field-kind = Content type
search-kind-all = All types
search-field-tag = Tag or category
search-field-tag-help = A question tag, a forum category or a wiki category.
search-field-from = From
search-field-until = Until
search-field-date-help = Format YYYY-MM-DD, for example 2024-03-31.
search-reset-filters = Remove the filters
search-unavailable-browse = In the meantime you can browse:
search-hint = Type one or more words, or a tag, and choose “Search”. You can narrow the search by content type, tag and period.
search-results-count =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }
search-kinds-label = Results by content type
search-untitled = Untitled
search-hit-tags-label = Tags (search with this tag)
search-no-results = No content matches the search.
search-no-results-tips = Check the spelling, try different or more general words, or remove some filters.

## Search limited to a working group (/cerca?gruppo=<slug>)

search-group-scope = Results in the group “{ $name }”.
search-group-everywhere = Search the whole community
