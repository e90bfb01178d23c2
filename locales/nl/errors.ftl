# Foutmeldingen, één per vaste foutcode (error-<code>).
error-not-found = We hebben die pagina of dat item niet gevonden.
error-unauthenticated = Meld u eerst aan.
error-forbidden = U hebt geen toestemming om dat te doen.
error-csrf-failed = Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.
error-rate-limited = Te veel pogingen. Wacht { $minutes ->
    [one] één minuut
   *[other] { $minutes } minuten
} en probeer het dan opnieuw.
error-invalid-body = De aanvraag kon niet worden gelezen. Controleer het formaat en de velden.
error-payload-too-large = De aanvraag is te groot.
error-unsupported-media-type = Dit soort inhoud wordt hier niet aanvaard.
error-field-required = Vul dit veld in.
error-field-too-long = Dit is te lang: maximaal { $max } tekens.
error-invalid-email = Vul een geldig e-mailadres in, zoals naam@gemeente.be.
error-invalid-value = Deze waarde is niet geldig.
error-password-too-short = Het wachtwoord moet minstens { $min } tekens lang zijn.
error-password-too-long = Het wachtwoord mag hoogstens { $max } tekens lang zijn.
error-password-mismatch = De twee wachtwoorden zijn niet gelijk.
error-invalid-credentials = Het e-mailadres of het wachtwoord is niet juist.
error-organisation-suspended = De toegang van uw organisatie tot Agora is geschorst. Neem contact op met de netwerkbeheerder.
error-invalid-token = Deze link is niet geldig of is verlopen. Vraag een nieuwe aan.
error-email-taken = Er bestaat al een account met dit e-mailadres.
error-setup-done = Agora is al ingesteld.
error-cannot-change-self = U kunt uw eigen rol, status of organisatie niet op deze manier wijzigen.
error-internal = Er is bij ons iets misgelopen. Probeer het later opnieuw.
error-unavailable = Agora is tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.
error-quota-exceeded = Uw bestanden zouden meer innemen dan uw { $limit } MiB opslag. Verwijder berichten met bestanden die u niet meer nodig hebt, of wacht tot ongebruikte uploads verwijderd zijn.
error-organisation-quota-exceeded = De bestanden van uw organisatie zouden meer innemen dan haar { $limit } MiB opslag. Neem contact op met de beheerder van uw organisatie.
error-already-member = Deze persoon is al lid van deze werkruimte. Wijzig de rol in de ledenlijst.
error-last-owner = Een werkruimte heeft minstens één eigenaar nodig. Maak eerst iemand anders eigenaar.
error-owner-organisation-cannot-leave = De organisatie die eigenaar is van deze werkruimte, kan ze niet verlaten. Een eigenaar kan de werkruimte wel archiveren.
error-already-exists = Dit bestaat al: een ander verzoek heeft het zojuist aangemaakt. Laad de pagina opnieuw om het te zien.
