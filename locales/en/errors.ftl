# Error messages, one per stable error code (error-<code>).
error-not-found = We could not find that page or object.
error-unauthenticated = Please sign in first.
error-forbidden = You are not allowed to do that.
error-csrf-failed = This form has expired. Please reload the page and try again.
error-rate-limited = Too many attempts. Please wait { $minutes ->
    [one] one minute
   *[other] { $minutes } minutes
} and try again.
error-invalid-body = The request could not be read. Check its format and fields.
error-payload-too-large = The request is too large.
error-unsupported-media-type = This content type is not accepted here.
error-field-required = Please fill in this field.
error-field-too-long = This is too long: at most { $max } characters.
error-invalid-email = Please enter a valid email address, such as name@municipality.be.
error-invalid-value = This value is not valid.
error-password-too-short = The password must have at least { $min } characters.
error-password-too-long = The password may have at most { $max } characters.
error-password-mismatch = The two passwords are not the same.
error-invalid-credentials = The email address or password is not correct.
error-organisation-suspended = Your organisation's access to Agora is suspended. Please contact the network operator.
error-invalid-token = This link is not valid or has expired. Ask for a new one.
error-email-taken = Someone already has an account with this email address.
error-setup-done = Agora has already been set up.
error-cannot-change-self = You cannot change your own role, status or organisation this way.
error-internal = Something went wrong on our side. Please try again later.
error-unavailable = Agora is temporarily unavailable. Please try again in a moment.
error-quota-exceeded = Your files would take more than your { $limit } MiB of storage. Delete messages with files you no longer need, or wait for unused uploads to be removed.
error-organisation-quota-exceeded = The files of your organisation would take more than its { $limit } MiB of storage. Please ask your organisation's administrator.
error-already-member = This person is already a member of this workspace. Change their role in the member list instead.
error-last-owner = A workspace needs at least one owner. Make someone else an owner first.
error-owner-organisation-cannot-leave = The organisation that owns this workspace cannot leave it. An owner can archive the workspace instead.
error-already-exists = This already exists: another request created it a moment ago. Reload the page to see it.
