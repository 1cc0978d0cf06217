<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<!-- French strings of the library, render queue and export dialog (branch issue-12b), context "studio":
     merge into studio_fr.ts (lconvert -i studio_fr.ts panels_fr.ts -o studio_fr.ts), then lrelease. -->
<context>
    <name>studio</name>
    <message>
        <source>Stories</source>
        <translation>Histoires</translation>
    </message>
    <message>
        <source>Story library</source>
        <translation>Bibliothèque d’histoires</translation>
    </message>
    <message>
        <source>Drop pictures, clips and sounds here to copy them into media/</source>
        <translation>Déposez ici photos, vidéos et sons pour les copier dans media/</translation>
    </message>
    <message>
        <source>no consent recorded</source>
        <translation>aucun consentement noté</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>New story from the template</source>
        <translation>Nouvelle histoire à partir du modèle</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Duplicate the selected story</source>
        <translation>Dupliquer l’histoire choisie</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Rename the selected story</source>
        <translation>Renommer l’histoire choisie</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Move the selected stories to the trash</source>
        <translation>Mettre les histoires choisies à la corbeille</translation>
    </message>
    <message>
        <source>New story</source>
        <translation>Nouvelle histoire</translation>
    </message>
    <message>
        <source>File name of the new story:</source>
        <translation>Nom de fichier de la nouvelle histoire :</translation>
    </message>
    <message>
        <source>Duplicate story</source>
        <translation>Dupliquer l’histoire</translation>
    </message>
    <message>
        <source>File name of the copy:</source>
        <translation>Nom de fichier de la copie :</translation>
    </message>
    <message>
        <source>Rename story</source>
        <translation>Renommer l’histoire</translation>
    </message>
    <message>
        <source>New file name:</source>
        <translation>Nouveau nom de fichier :</translation>
    </message>
    <message>
        <source>consent given</source>
        <translation>consentement donné</translation>
    </message>
    <message>
        <source>Delete story</source>
        <translation>Supprimer l’histoire</translation>
    </message>
    <message>
        <source>Copied into media/: %1</source>
        <translation>Copié dans media/ : %1</translation>
    </message>
    <message>
        <source>not rendered yet</source>
        <translation>pas encore exportée</translation>
    </message>
    <message>
        <source>“%1” cannot be a file name: avoid / \ : * ? " &lt; &gt; | and a leading dot.</source>
        <translation>« %1 » ne peut pas être un nom de fichier : évitez / \ : * ? " &lt; &gt; | et un point au début.</translation>
    </message>
    <message>
        <source>A story named “%1” already exists in this folder.</source>
        <translation>Une histoire nommée « %1 » existe déjà dans ce dossier.</translation>
    </message>
    <message>
        <source>consent given by %1</source>
        <translation>consentement donné par %1</translation>
    </message>
    <message>
        <source>There is no trash here. Delete “%1” for good?</source>
        <translation>Pas de corbeille ici. Supprimer « %1 » définitivement ?</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Job status</source>
        <translation>État de l’export</translation>
    </message>
    <message>
        <source>Job progress</source>
        <translation>Avancement de l’export</translation>
    </message>
    <message>
        <source>QA verdict</source>
        <translation>Verdict du contrôle</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>Message d’erreur</translation>
    </message>
    <message>
        <source>Error details</source>
        <translation>Détails de l’erreur</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop this render (nothing is written)</source>
        <translation>Arrêter cet export (rien n’est écrit)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Render this job again</source>
        <translation>Relancer cet export</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Open the output folder</source>
        <translation>Ouvrir le dossier de sortie</translation>
    </message>
    <message>
        <source>QA report</source>
        <translation>Rapport de contrôle</translation>
    </message>
    <message>
        <source>Open the quality report (HTML)</source>
        <translation>Ouvrir le rapport de contrôle (HTML)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Show the ffmpeg command and its output</source>
        <translation>Afficher la commande ffmpeg et sa sortie</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the details to the clipboard</source>
        <translation>Copier les détails dans le presse-papiers</translation>
    </message>
    <message>
        <source>No renders yet</source>
        <translation>Aucun export pour l’instant</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Tout annuler</translation>
    </message>
    <message>
        <source>Stop every render of the queue</source>
        <translation>Arrêter tous les exports de la file</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Retirer les terminés</translation>
    </message>
    <message>
        <source>Remove the jobs that ended from the list</source>
        <translation>Retirer de la liste les exports terminés</translation>
    </message>
    <message>
        <source>Render queue</source>
        <translation>File d’export</translation>
    </message>
    <message>
        <source>Render log</source>
        <translation>Journal des exports</translation>
    </message>
    <message>
        <source>One line per job as it ends</source>
        <translation>Une ligne par export quand il se termine</translation>
    </message>
    <message>
        <source>Renders running</source>
        <translation>Exports en cours</translation>
    </message>
    <message>
        <source>Stopped by user</source>
        <translation>Arrêté par l’utilisateur</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Contrôle du fichier…</translation>
    </message>
    <message>
        <source>Quality check</source>
        <translation>Contrôle qualité</translation>
    </message>
    <message>
        <source>Rendering</source>
        <translation>Export en cours</translation>
    </message>
    <message>
        <source>Completed successfully in %1</source>
        <translation>Terminé avec succès en %1</translation>
    </message>
    <message>
        <source>Skipped: already rendered</source>
        <translation>Ignoré : déjà exporté</translation>
    </message>
    <message>
        <source>Nothing written</source>
        <translation>Rien n’a été écrit</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <source>Done in %1</source>
        <translation>Fait en %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message>
        <source>%1 (%2 left)</source>
        <translation>%1 (reste %2)</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Conseil</translation>
    </message>
    <message>
        <source>%1 running · %2 done · %3 failed</source>
        <translation>%1 en cours · %2 faits · %3 en échec</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Stories to export</source>
        <translation>Histoires à exporter</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>Formats</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>End-card variant</source>
        <translation>Variante de l’écran de fin</translation>
    </message>
    <message>
        <source>As each story says</source>
        <translation>Comme le dit chaque histoire</translation>
    </message>
    <message>
        <source>Caption style</source>
        <translation>Style des sous-titres</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>Ajouter à la file</translation>
    </message>
    <message>
        <source>End card</source>
        <translation>Écran de fin</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>Sous-titres</translation>
    </message>
    <message numerus="yes">
        <source>%n render(s) still running or waiting. Stop them and quit? Nothing half-written is kept.</source>
        <translation>
            <numerusform>%n export est en cours ou en attente. L’arrêter et quitter ? Rien d’inachevé n’est gardé.</numerusform>
            <numerusform>%n exports sont en cours ou en attente. Les arrêter et quitter ? Rien d’inachevé n’est gardé.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video(s) to render</source>
        <translation>
            <numerusform>%n vidéo à exporter</numerusform>
            <numerusform>%n vidéos à exporter</numerusform>
        </translation>
    </message>
</context>
</TS>
