# Page layout: side navigation, compact menu, reading a channel.
nav-menu = Menu
nav-conversations = Conversations
nav-side-label = Your workspaces and conversations
nav-close = Close the menu
nav-side-direct = Direct conversations
nav-side-none = You are not in any workspace yet.
count-unread-live = Unread: { $count }
count-mentions-live = Mentions: { $count }
reading-new = New messages
reading-older-loading = Loading older messages…
day-today = Today
day-yesterday = Yesterday
day-date = { $weekday ->
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
  }{ $year ->
    [none] {""}
   *[other] {" "}{ $year }
  }
time-today = today { $time }
time-yesterday = yesterday { $time }
mark-all-read = Mark everything in { $workspace } as read
notice-marked-read = Everything in this workspace is marked as read.
