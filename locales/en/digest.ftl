# The email digest, its preview, its organisation settings and the record of runs.
digest-subject-for-you = { $count ->
    [one] 1 conversation for you
   *[other] { $count } conversations for you
}
digest-subject-for-you-in = { $count ->
    [one] 1 conversation for you
   *[other] { $count } conversations for you
} in { $workspace }
digest-subject-active = { $count ->
    [one] 1 active thread
   *[other] { $count } active threads
} on Agora
digest-subject-active-in = { $count ->
    [one] 1 active thread
   *[other] { $count } active threads
} in { $workspace }
digest-subject-and-active = { $first }, and { $count ->
    [one] 1 active thread
   *[other] { $count } active threads
}
digest-subject-new-workspaces = New workspaces to discover on Agora
digest-title = Your Agora digest
digest-greeting = Hello { $name },
digest-intro = Here is what happened in your workspaces since your last visit.
digest-without-content = Your organisation sends email without message content: open a thread to read it.
digest-direct-heading = Direct messages
digest-for-you-heading = For you
digest-active-heading = Active threads
digest-reason-mention = You were mentioned
digest-reason-reply = New replies in a thread you took part in
digest-reason-direct = Direct message
digest-activity = { $people ->
    [one] 1 person
   *[other] { $people } people
}, { $messages ->
    [one] 1 message
   *[other] { $messages } messages
}
digest-untitled = A conversation in #{ $channel }
digest-channel-latest = #{ $channel }, last message { $date }
digest-more-messages = { $count ->
    [one] and 1 more message
   *[other] and { $count } more messages
}
digest-more-threads = { $count ->
    [one] 1 more thread with news in this workspace
   *[other] { $count } more threads with news in this workspace
}
digest-open-thread = Open the thread
digest-new-members = New members: { $names }
digest-new-organisations = Organisations that joined: { $names }
digest-new-workspaces-heading = New workspaces you can discover
digest-settings = Change how often you receive this digest
digest-unsubscribe = Stop this digest
digest-stop-workspace = Stop email from { $workspace }
digest-date = { $weekday ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
} { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}, { $time }
digest-preview-title = Your next digest
digest-preview-member-title = Next digest of { $name }
digest-preview-intro = This is the digest that would be sent if it went out now.
digest-preview-shared-only = Only what you may read yourself is shown.
digest-preview-subject = Subject: { $subject }
digest-preview-quiet = There is nothing worth an email at the moment: no digest would be sent.
digest-preview-link = See your next digest
digest-preview-member-link = Next digest
digest-runs-title = Digest runs
digest-runs-intro = Each run sends the digests that are due. A run without an end was interrupted; the next one carries on where it stopped.
digest-runs-started = Started
digest-runs-finished = Finished
digest-runs-considered = Due
digest-runs-queued = Sent
digest-runs-quiet = Quiet
digest-runs-unfinished = not finished
digest-runs-none = No digest has run yet.
digest-org-title = Email digests for { $organisation }
digest-org-intro = Digests go to your people who have not used Agora for a while, on the rhythm each of them chose.
digest-org-inactive-days = Days without activity before the digest starts
digest-org-inactive-days-hint = Between 1 and 90 days.
digest-org-without-content = No message content in email: subjects and links only
digest-org-submit = Save
digest-org-saved = The digest settings have been saved.
digest-org-link = Email digests
