# Conversations: a channel, its messages, threads, editing, reactions and search.

# A channel or direct conversation.
direct-heading = Conversation with { $people }
channel-workspace = Workspace:
channel-search = Search this channel
direct-search = Search this conversation
channel-read-only = You can read this conversation, but not write in it.
channel-archived-notice = This channel is archived: you can read it, but nobody can write in it any more.
messages-heading = Messages
messages-none = No messages yet. Write the first one below.
history-older = Older messages
history-newer = Newer messages
history-latest = Newest messages
live-new-message = New message from { $name }

# One message.
message-language = Language:
message-edited = (edited)
message-deleted = This message was deleted.
message-attachments = Attachments
message-replies =
    { $count ->
        [one] { $count } reply
       *[other] { $count } replies
    }
message-reply = Reply in thread
message-edit = Edit
message-delete = Delete
reaction-people =
    { $count ->
        [one] { $count } person reacted
       *[other] { $count } people reacted
    }
reaction-add = Add a reaction
file-size =
    { $unit ->
        [b] { $size } bytes
        [kb] { $size } KB
       *[mb] { $size } MB
    }

# Writing a message.
composer-heading = Write a message
composer-reply-heading = Reply in this thread
composer-body = Message
composer-body-hint = You can use Markdown: **bold**, *italic*, lists and links.
composer-language = Language of your message
composer-language-detect = Detect automatically
composer-files = Attach files
composer-files-hint =
    { $count ->
        [one] One file of at most 10 MB.
       *[other] Up to { $count } files of at most 10 MB each.
    }
composer-send = Send
composer-send-reply = Send reply

# A thread.
thread-title = Thread in { $channel }
thread-back = Back to { $channel }
thread-replies-heading = Replies
thread-no-replies = No replies yet.

# Editing and deleting.
edit-title = Edit message
delete-title = Delete message
edit-back = Back to the conversation
edit-current-heading = The message now
edit-heading = Change the message
edit-language = Language of the message
edit-language-hint = Correct it if it was recognised wrongly: readers and search use it.
edit-save = Save changes
edit-cancel = Cancel
delete-heading = Delete this message
delete-text = The conversation will show that a message was deleted. This cannot be undone.
delete-submit = Delete message

# Search.
search-title = Search messages
search-results-title = Search: { $query }
search-query = Words to look for
search-workspace = Workspace
search-all-workspaces = All your workspaces
search-from = From (date)
search-until = Until (date)
search-submit = Search
search-narrowed = Only in the channel or by the person you came from.
search-everywhere = Search everywhere
search-results =
    { $count ->
        [0] No messages found
        [one] One message found
       *[other] { $count } messages found
    }
search-none = Try other words, or fewer filters.
search-hit-in = In { $channel }
search-hit-in-workspace = In { $channel } ({ $workspace })
