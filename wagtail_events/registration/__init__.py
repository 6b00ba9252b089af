"""Registration for events: the visitor's form, places and waiting lists, the
organiser's decisions, the registrants' e-mails and their personal data.

The map of the package, from the bottom up (a module imports only those above
it in this list, and the models, leaves and lower packages):

``signals``         ``registration_email_due``, the signal the e-mails hang on
``errors``          why registration refuses (``RegistrationClosed``, ...)
``keys``            what registrations are filed under (``event_key``,
                    ``occurrence_key``), the lock of an event's capacity row,
                    the cancellation tokens
``availability``    the read model: places taken and free, people waiting, the
                    newcomer rule (``Availability``), the dates to choose, when
                    registration is open and the state of a page's
                    registration (``offer``)
``session_choices`` the sessions a visitor chooses with a conference
``status``          the state of a page's registration in words (the top of
                    its page), read once per request, and the programme's
                    marks, read for every entry at once
``writer``          ``register()``: a newcomer takes a place, waits, or asks
                    for approval; ``notify()`` enqueues the e-mails
``changes``         cancelling, and the organiser's decisions (approve,
                    decline, promote, mark attended)
``amend``           the registrant's own changes: answers, date, sessions
``choices``         the form's date and session fields, with their places, and
                    the wording of the writer's refusals of a choice
``answers``         choice answers stored as one value in every language,
                    shown in the reader's (the one rule)
``forms``           the visitor's form: what it asks, checking what was typed
``mail_text``       text safe for e-mail headers (``one_line``) and tidy plain text
``emails``          what the e-mails say, and sending one
``outbox``          every e-mail written down first (``Delivery``), sent by a
                    task, retried, logged: nothing lost or sent twice
``deliveries``      the builder and the label of each kind of e-mail
``due``             what runs every few minutes (``send_due_messages``)
``placeholders``    the placeholders of an organiser's message (``{name}``, ...)
``group_messages``  an organiser's message to a group of registrants: who is in
                    the group, the deliveries and their e-mail
``practical``       the practical information a reminder carries (access,
                    what to bring, the conference's practical information)
``reminders``       the form's reminders: which are due (``send_due``), and
                    the reminder e-mail (its outbox builder)
``event_facts``     what registrants know of an event (times, place, online
                    address, status) and how two versions differ
``change_notices``  a published change they must know: the pending notice,
                    who is told, sending or dismissing it
``change_emails``   what a change notice says, and its calendar entry
``privacy``         erasing and exporting personal data, and retention
``views``           the visitor's pages: the form, the result
``manage_views``    the registrant's page, by the link in their e-mails: see,
                    change or cancel the registration
``csrf``            a registration failing the CSRF check behind a cache
                    (where ``register/`` reaches Wagtail first: W170)
``same_origin``     the registration POST checked by where it comes from
                    (``Sec-Fetch-Site``, ``Origin``, else Django's token), so
                    event pages carry no token and a front-end cache keeps them
``page_cache``      how long a front-end cache may keep an event page showing
                    its registration (``s-maxage`` until the clock changes it)
``admin``           the organiser's views in the Wagtail admin: the listing
                    (``viewset``), one event's counts (``summary``), the
                    check-in list (``checkin``), one registration (``detail``),
                    the actions (``actions``), the exports (``export``),
                    messages to a group of registrants (``messages``),
                    the confirmation of change notices (``change_notices``),
                    the log of e-mails sent (``deliveries``), the menu
                    (``menu``)
``organisers``      the organisers a form tells: who, what each may read of a
                    registrant, in which language, the counts and admin link
``digests``         the organisers' daily digest (``send_digests``)
``alerts``          alerts for organisers: ``registration_changed()`` (called
                    by the receiver of ``registration_email_due``), their
                    builders, and the digest's

Only ``writer``, ``changes`` and ``amend`` change a registration's status or
places, always under the lock (``keys.lock_all``).
"""
