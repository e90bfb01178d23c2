//! Forms that help and dates in the reader's language (issue #9, items 9 and 10).

mod dates;
mod forms;
mod invited_email;
mod search_marks;
