# Messages d’erreur, un par code d’erreur stable (error-<code>).
error-not-found = Nous n’avons pas trouvé cette page ou cet élément.
error-unauthenticated = Veuillez d’abord vous connecter.
error-forbidden = Vous n’avez pas l’autorisation d’effectuer cette action.
error-csrf-failed = Ce formulaire a expiré. Veuillez recharger la page et réessayer.
error-rate-limited = Trop de tentatives. Veuillez patienter { $minutes ->
    [one] une minute
   *[other] { $minutes } minutes
}, puis réessayer.
error-invalid-body = La requête n’a pas pu être lue. Vérifiez son format et ses champs.
error-payload-too-large = La requête est trop volumineuse.
error-unsupported-media-type = Ce type de contenu n’est pas accepté ici.
error-field-required = Veuillez remplir ce champ.
error-field-too-long = Ce texte est trop long : { $max } caractères au maximum.
error-invalid-email = Veuillez saisir une adresse e-mail valide, par exemple nom@commune.be.
error-invalid-value = Cette valeur n’est pas valide.
error-password-too-short = Le mot de passe doit comporter au moins { $min } caractères.
error-password-too-long = Le mot de passe ne peut pas dépasser { $max } caractères.
error-password-mismatch = Les deux mots de passe ne sont pas identiques.
error-invalid-credentials = L’adresse e-mail ou le mot de passe est incorrect.
error-organisation-suspended = L’accès de votre organisation à Agora est suspendu. Veuillez contacter le gestionnaire du réseau.
error-invalid-token = Ce lien n’est pas valide ou a expiré. Demandez-en un nouveau.
error-email-taken = Un compte existe déjà avec cette adresse e-mail.
error-setup-done = Agora a déjà été configuré.
error-cannot-change-self = Vous ne pouvez pas modifier ainsi votre propre rôle, statut ou organisation.
error-internal = Un problème est survenu de notre côté. Veuillez réessayer plus tard.
error-unavailable = Agora est temporairement indisponible. Veuillez réessayer dans un instant.
error-quota-exceeded = Vos fichiers dépasseraient vos { $limit } Mio de stockage. Supprimez les messages dont vous n’avez plus besoin des fichiers, ou attendez que les envois inutilisés soient effacés.
error-organisation-quota-exceeded = Les fichiers de votre organisation dépasseraient ses { $limit } Mio de stockage. Veuillez vous adresser à l’administrateur de votre organisation.
error-already-member = Cette personne est déjà membre de cet espace de travail. Modifiez plutôt son rôle dans la liste des membres.
error-last-owner = Un espace de travail doit avoir au moins un propriétaire. Nommez d’abord quelqu’un d’autre propriétaire.
error-owner-organisation-cannot-leave = L’organisation propriétaire de cet espace de travail ne peut pas le quitter. Un propriétaire peut toutefois archiver l’espace de travail.
error-already-exists = Cet élément existe déjà : une autre requête vient de le créer. Rechargez la page pour le voir.
