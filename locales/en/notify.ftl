# Emails about mentions and direct messages.
notify-subject-mentions = { $count ->
    [one] 1 mention in { $place }
   *[other] { $count } mentions in { $place }
}
notify-subject-directs = { $count ->
    [one] 1 direct message in { $place }
   *[other] { $count } direct messages in { $place }
}
notify-subject-both = { $mentions ->
    [one] 1 mention
   *[other] { $mentions } mentions
} and { $directs ->
    [one] 1 direct message
   *[other] { $directs } direct messages
} in { $place }
notify-greeting = Hello { $name },
notify-intro = While you were away, these messages were addressed to you.
notify-channel-heading = #{ $channel } in { $workspace }
notify-direct-heading = Direct conversation with { $names }
notify-mentioned-you = { $author } ({ $organisation }) mentioned you
notify-wrote-to-you = { $author } ({ $organisation }) wrote to you
notify-in-reply-to = In reply to { $author }:
notify-earlier = Before that, { $author } wrote:
notify-language = Language: { $language }
notify-files-only = (files only)
notify-open = Open the conversation
notify-more = { $count ->
    [one] One more message is waiting for you in Agora.
   *[other] { $count } more messages are waiting for you in Agora.
}
notify-stop-workspace = Receive no more email from { $workspace }
notify-settings = Choose how often these emails come
notify-stop = Stop emails about mentions and direct messages
