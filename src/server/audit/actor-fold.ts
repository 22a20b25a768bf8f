/**
 * How a name is compared when the audit is filtered by who acted ("the whole name, any case").
 * Lower case by Unicode's default mapping (toLowerCase, not toLocaleLowerCase: the same on every
 * host and in every locale, so "İ" becomes "i̇" everywhere and never a Turkish "i"), then NFC, so a
 * composed "ë" and an "e" with a combining diaeresis are one letter. Computed here and stored beside
 * the name (audit.actor_fold), because neither database can do it alike: SQLite's lower() folds
 * ASCII only, and what PostgreSQL's lower() and normalize() do depends on the database's locale.
 */
export function foldActor(actor: string): string {
  return actor.toLowerCase().normalize("NFC");
}
