# Réglages des e-mails, désinscription en un clic et liens de connexion.
email-settings-title = Réglages des e-mails
email-settings-link = Réglages des e-mails
email-settings-intro = Choisissez quels e-mails Agora vous envoie, et quand.
email-settings-digest-legend = Résumé de ce que vous avez manqué
email-settings-cadence-label = Fréquence
email-cadence-off = Jamais
email-cadence-daily = Chaque jour
email-cadence-every-other-day = Tous les deux jours
email-cadence-weekly = Une fois par semaine
email-settings-weekday-label = Jour du résumé hebdomadaire
email-settings-weekday-hint = Seulement lorsque le résumé arrive une fois par semaine.
email-settings-hour-label = Heure
email-settings-hour-hint = Dans votre fuseau horaire, { $zone }.
email-settings-change-zone = Changer votre fuseau horaire
email-settings-mentions-label = E-mails sur les mentions et les messages directs
email-batching-immediately = Tout de suite
email-batching-every-15-minutes = Au plus toutes les 15 minutes
email-batching-hourly = Au plus une fois par heure
email-batching-off = Jamais
email-settings-workspaces-legend = Aucun e-mail de ces espaces de travail
email-settings-workspaces-hint = Cochez un espace de travail pour ne plus recevoir aucun e-mail à son sujet.
email-settings-no-workspaces = Vous n’êtes encore membre d’aucun espace de travail.
email-settings-submit = Enregistrer les réglages des e-mails
notice-email-settings-saved = Vos réglages des e-mails ont été enregistrés.
weekday-1 = lundi
weekday-2 = mardi
weekday-3 = mercredi
weekday-4 = jeudi
weekday-5 = vendredi
weekday-6 = samedi
weekday-7 = dimanche
signin-link-offer = Se connecter plutôt avec un lien envoyé par e-mail
signin-link-title = Se connecter avec un lien par e-mail
signin-link-intro = Saisissez votre adresse e-mail et nous vous enverrons un lien qui vous connecte, valable 15 minutes.
signin-link-submit = Envoyer le lien de connexion
signin-link-confirm-title = Se connecter à Agora
signin-link-confirm-intro = Ce lien vous connecte une seule fois. Appuyez sur le bouton pour continuer.
signin-link-confirm-submit = Se connecter
notice-signin-link-sent = Si un compte existe pour cette adresse, nous lui avons envoyé un lien de connexion.
email-signin-link-subject = Votre lien de connexion à Agora
email-signin-link-greeting = Bonjour { $name },
email-signin-link-intro = Quelqu’un a demandé un lien pour se connecter à votre compte Agora. Si c’était vous, connectez-vous avec le bouton ci-dessous.
email-signin-link-action = Se connecter
email-signin-link-expiry = { $minutes ->
    [one] Le lien fonctionne une seule fois et reste valable une minute.
   *[other] Le lien fonctionne une seule fois et reste valable { $minutes } minutes.
}
email-signin-link-ignore = Si vous n’avez rien demandé, vous pouvez ignorer cet e-mail : personne n’est connecté sans le lien.
unsubscribe-title = E-mails d’Agora
unsubscribe-digest-active = Vous recevez le résumé de ce que vous avez manqué.
unsubscribe-digest-stopped = Vous ne recevrez plus le résumé de ce que vous avez manqué.
unsubscribe-notifications-active = Vous recevez des e-mails sur les mentions et les messages directs.
unsubscribe-notifications-stopped = Vous ne recevrez plus d’e-mails sur les mentions et les messages directs.
unsubscribe-workspace-active = Vous recevez des e-mails sur l’espace de travail { $workspace }.
unsubscribe-workspace-stopped = Vous ne recevrez plus d’e-mails sur l’espace de travail { $workspace }.
unsubscribe-stop = Arrêter ces e-mails
unsubscribe-undo = Annuler : les recevoir à nouveau
unsubscribe-settings = Tous vos réglages d’e-mail

# Delivery: an address whose mail server refused our email for good (a hard bounce).
delivery-bounced-title = Les e-mails envoyés à { $address } n’arrivent pas
delivery-bounced-body = Le { $date }, le serveur de messagerie de cette adresse a refusé définitivement nos e-mails. Les résumés et les e-mails sur les mentions et les messages directs vers cette adresse sont suspendus. Ils reprendront dès qu’un e-mail vers cette adresse sera de nouveau accepté (par exemple un lien de connexion), ou lorsque vous modifierez votre adresse e-mail dans votre profil.
