"""Deterministic benchmark corpus: short French administrative texts and multi-page PDFs.

The texts read like the paper of a Burundian commune (minutes, letters, decisions, tax
receipts, civil-status extracts, health and security reports): a header, a title, a few
sentences from templates filled with commune vocabulary, and a few sentences taken from
the French legal articles of the development corpus (so that the queries of
queries.tsv also find words in them). Everything comes from one random.Random(seed), so
the same seed gives the same files byte for byte.
"""

import os
import random
import re
import subprocess
import unicodedata

PROVINCES = {
    "Bubanza": ["Bubanza", "Gihanga", "Mpanda", "Musigati", "Rugazi"],
    "Bujumbura": ["Isare", "Kabezi", "Mubimbi", "Mugongomanga", "Mukike", "Mutimbuzi", "Nyabiraba"],
    "Bururi": ["Bururi", "Matana", "Mugamba", "Rutovu", "Songa", "Vyanda"],
    "Cankuzo": ["Cankuzo", "Cendajuru", "Gisagara", "Kigamba", "Mishiha"],
    "Cibitoke": ["Buganda", "Bukinanyana", "Mabayi", "Mugina", "Murwi", "Rugombo"],
    "Gitega": ["Bugendana", "Bukirasazi", "Buraza", "Giheta", "Gishubi", "Gitega", "Itaba", "Makebuko", "Mutaho", "Nyarusange", "Ryansoro"],
    "Karusi": ["Bugenyuzi", "Buhiga", "Gihogazi", "Gitaramuka", "Mutumba", "Nyabikere", "Shombo"],
    "Kayanza": ["Butaganzwa", "Gahombo", "Gatara", "Kabarore", "Kayanza", "Matongo", "Muhanga", "Muruta", "Rango"],
    "Kirundo": ["Bugabira", "Busoni", "Bwambarangwe", "Gitobe", "Kirundo", "Ntega", "Vumbi"],
    "Makamba": ["Kayogoro", "Kibago", "Mabanda", "Makamba", "Nyanza-Lac", "Vugizo"],
    "Muramvya": ["Bukeye", "Kiganda", "Mbuye", "Muramvya", "Rutegama"],
    "Muyinga": ["Buhinyuza", "Butihinda", "Gashoho", "Gasorwe", "Giteranyi", "Muyinga", "Mwakiro"],
    "Mwaro": ["Bisoro", "Gisozi", "Kayokwe", "Ndava", "Nyabihanga", "Rusaka"],
    "Ngozi": ["Busiga", "Gashikanwa", "Kiremba", "Marangara", "Mwumba", "Ngozi", "Nyamurenza", "Ruhororo", "Tangara"],
    "Rumonge": ["Bugarama", "Burambi", "Buyengero", "Muhuta", "Rumonge"],
    "Rutana": ["Bukemba", "Giharo", "Gitanga", "Mpinga-Kayove", "Musongati", "Rutana"],
    "Ruyigi": ["Butaganzwa", "Butezi", "Bweru", "Gisuru", "Kinyinya", "Nyabitsinda", "Ruyigi"],
}
COLLINES = ["Mubone", "Kigina", "Rusaka", "Nyarunazi", "Gisagara", "Kabuye", "Rukina", "Buhoro", "Murama",
            "Nyakabiga", "Gatwe", "Kinama", "Rugari", "Mwendo", "Kivoga", "Nyamugari", "Gihofi", "Ruhinga",
            "Kibenga", "Mutanga", "Gasenyi", "Rubira", "Bigina", "Nyamaboko"]
FIRST = ["Jean", "Marie", "Claude", "Pascal", "Aline", "Déo", "Évariste", "Gélase", "Béatrice", "Léonidas",
         "Joséphine", "Anésie", "Thérèse", "Célestin", "Générose", "Désiré", "Frédéric", "Léocadie", "Émile",
         "Ange", "Chantal", "Épiphanie", "Gervais", "Hélène", "Sévérin", "Aimée"]
LAST = ["Ndayishimiye", "Niyonzima", "Hakizimana", "Nshimirimana", "Ndikumana", "Bizimana", "Irakoze",
        "Niyonkuru", "Havyarimana", "Nduwimana", "Ciza", "Nkurunziza", "Manirakiza", "Ntahomvukiye",
        "Nzeyimana", "Barutwanayo", "Sindayigaya", "Ndihokubwayo", "Uwimana", "Kwizera", "Nimbona"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
PARTNERS = ["le Fonds national d'investissement communal (FONIC)", "l'ONG Twiteho Amagara", "la Croix-Rouge du Burundi",
            "le Programme alimentaire mondial", "l'Agence de développement du Burundi", "la coopérative Dukorere hamwe",
            "l'association des communes", "la Regideso", "le Ministère de l'Intérieur et du Développement communautaire"]
SUBJECTS = [
    "la réhabilitation du marché central", "la construction d'une école fondamentale", "l'adduction d'eau potable",
    "l'entretien des pistes rurales", "la collecte de la taxe sur le bétail", "le recensement des ménages vulnérables",
    "la campagne de vaccination contre la rougeole", "la réfection du bureau communal", "le reboisement des collines",
    "la gestion des déchets du marché", "le lotissement du centre urbain", "l'électrification du centre de santé",
    "la protection des sources d'eau", "le règlement des litiges fonciers", "la location des étals du marché",
    "la construction de latrines publiques", "le drainage des eaux pluviales", "la sécurité des élèves",
    "la délivrance des permis de bâtir", "l'impôt sur les revenus locatifs", "les cartes nationales d'identité",
    "l'enregistrement des naissances", "la célébration des mariages civils", "la lutte contre le paludisme",
]

TYPES = [
    # (slug, title pattern, sentence patterns)
    ("proces-verbal", "Procès-verbal de la réunion du conseil communal du {date}", [
        "L'an {year}, le {day} {month}, le conseil communal de {commune} s'est réuni en séance {session} sous la présidence de {person}.",
        "Étaient présents {present} conseillers sur 15; le quorum étant atteint, la séance a été ouverte à {hour} heures.",
        "L'ordre du jour portait sur {subject} et sur {subject2}.",
        "Après délibération, le conseil a adopté le projet relatif à {subject} à l'unanimité des membres présents.",
        "Le conseiller technique chargé du développement a présenté l'état d'avancement des travaux sur la colline {colline}.",
        "Le conseil recommande à l'administrateur communal de saisir {partner} pour le financement.",
        "L'ordre du jour étant épuisé, la séance a été levée à {hour2} heures.",
    ]),
    ("lettre-gouverneur", "Lettre du Gouverneur de la province de {province} relative à {subject}", [
        "Monsieur l'Administrateur communal, j'ai l'honneur de vous demander un rapport détaillé sur {subject}.",
        "Les informations reçues de la zone {colline} font état de retards importants dans l'exécution des travaux.",
        "Je vous saurais gré de me faire parvenir ce rapport au plus tard le {day} {month} {year}.",
        "Une copie de la présente est adressée au Ministère de l'Intérieur et du Développement communautaire.",
        "Veuillez agréer, Monsieur l'Administrateur, l'assurance de ma considération distinguée.",
    ]),
    ("decision", "Décision de l'Administrateur communal n° {ref} portant sur {subject}", [
        "L'Administrateur communal de {commune}, vu la loi organique régissant l'administration communale, décide ce qui suit.",
        "Article premier : il est procédé à {subject} sur l'ensemble des collines de la commune.",
        "Article 2 : {person} est nommé responsable de l'exécution de la présente décision.",
        "Article 3 : les frais sont imputés au budget communal de l'exercice {year}.",
        "Article 4 : la présente décision entre en vigueur le jour de sa signature.",
    ]),
    ("quittance", "Quittance de la taxe communale n° {ref}", [
        "Reçu de {person}, commerçant au marché de {commune}, la somme de {amount} francs burundais.",
        "Objet : taxe de marché du mois de {month} {year}, étal n° {n}.",
        "Le percepteur communal certifie que le redevable est en règle pour la période indiquée.",
        "La présente quittance tient lieu de reçu pour la taxe sur le bétail et les droits de place.",
    ]),
    ("etat-civil", "Extrait d'acte de naissance n° {ref}/{year}", [
        "L'officier de l'état civil de la commune de {commune} certifie que l'enfant {person} est né le {day} {month} {year} sur la colline {colline}.",
        "La déclaration a été faite par le père, {person2}, cultivateur domicilié à {colline}.",
        "Le présent extrait est délivré pour servir et valoir ce que de droit.",
    ]),
    ("rapport-sante", "Rapport mensuel du centre de santé de {colline}, {month} {year}", [
        "Au cours du mois de {month}, le centre de santé a reçu {n} consultations dont {m} cas de paludisme.",
        "La campagne de vaccination a touché {n} enfants de moins de cinq ans.",
        "Le stock de médicaments essentiels reste insuffisant; une commande a été adressée au district sanitaire.",
        "Le comité de santé recommande {subject} avant la saison des pluies.",
    ]),
    ("rapport-securite", "Rapport de sécurité de la zone {colline}", [
        "La situation sécuritaire dans la zone {colline} est restée calme au cours de la semaine.",
        "Un conflit foncier entre deux ménages a été réglé par le conseil de colline.",
        "Le chef de zone signale {n} vols de bétail, dont {m} ont été élucidés.",
        "Les comités mixtes de sécurité ont tenu leur réunion hebdomadaire le {day} {month}.",
    ]),
    ("permis", "Demande de permis de bâtir sur la parcelle n° {ref}", [
        "Je soussigné, {person}, sollicite un permis de bâtir pour une maison d'habitation sur la colline {colline}.",
        "Le plan de la construction et le titre de propriété de la parcelle sont joints à la présente demande.",
        "Le service foncier communal a vérifié les limites de la parcelle le {day} {month} {year}.",
        "Les frais d'instruction du dossier s'élèvent à {amount} francs burundais.",
    ]),
    ("note-service", "Note de service n° {ref} au personnel communal", [
        "Il est porté à la connaissance de tout le personnel que les heures de service sont fixées de 7 h 30 à 15 h 30.",
        "Le personnel est invité à participer aux travaux communautaires du samedi {day} {month}.",
        "Toute absence non justifiée sera sanctionnée conformément au statut du personnel communal.",
    ]),
    ("convention", "Convention de financement avec {partner}", [
        "Entre la commune de {commune}, représentée par son administrateur, et {partner}, il a été convenu ce qui suit.",
        "Le partenaire s'engage à financer {subject} à hauteur de {amount} francs burundais.",
        "La commune apporte une contribution de {m} pour cent du coût total du projet.",
        "Le suivi des travaux est assuré par un comité composé de {n} membres.",
    ]),
]

PDF_KINDS = [
    "Rapport annuel d'activités de la commune de {commune}, exercice {year}",
    "Plan communal de développement communautaire (PCDC) de {commune}, {year}–{year4}",
    "Budget communal de {commune}, exercice {year}",
    "Compte administratif de la commune de {commune}, exercice {year}",
    "Recueil des procès-verbaux du conseil communal de {commune}, {year}",
    "Rapport de diagnostic des archives de la commune de {commune}",
]
PDF_SECTIONS = ["Introduction", "Contexte et justification", "Situation administrative", "Finances communales",
                "Recettes fiscales et non fiscales", "Dépenses de fonctionnement", "Investissements",
                "Éducation", "Santé", "Eau et assainissement", "Agriculture et élevage", "Sécurité",
                "État civil", "Gestion foncière", "Partenaires", "Difficultés rencontrées", "Recommandations",
                "Conclusion"]


def _cp1252_ok(s):
    try:
        s.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def legal_sentences(docs_dir):
    """Sentences of the legal articles (40–300 characters, Windows-1252 only), in file order."""
    out = []
    abbrev = re.compile(r"(?:\b[A-Z]|\bart|\bn°|\bp|\bM|\bMM|\bDr|\bSt)\.$")
    for name in sorted(os.listdir(docs_dir)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(docs_dir, name), encoding="utf-8") as f:
            text = f.read().split("\n", 2)
        body = " ".join(text[2].split()) if len(text) > 2 else ""
        start = 0
        for m in re.finditer(r"[.;]\s+(?=[A-ZÉÈÀÂ0-9])", body):
            candidate = body[start:m.start() + 1]
            if abbrev.search(candidate):
                continue
            out.append(candidate)
            start = m.end()
        out.append(body[start:])
    return [s for s in out if 40 <= len(s) <= 300 and _cp1252_ok(s) and sum(c.isupper() for c in s) < len(s) / 4]


class _Filler:
    """Fills the {slots} of a template sentence."""

    def __init__(self, rng, province, commune, year):
        self.rng, self.province, self.commune, self.year = rng, province, commune, year

    def person(self):
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST).upper()}"

    def fill(self, pattern, ref):
        r = self.rng
        values = {
            "province": self.province, "commune": self.commune, "year": self.year, "year4": self.year + 4,
            "day": r.randint(1, 28), "month": r.choice(MONTHS), "colline": r.choice(COLLINES),
            "person": self.person(), "person2": self.person(), "partner": r.choice(PARTNERS),
            "subject": r.choice(SUBJECTS), "subject2": r.choice(SUBJECTS), "session": r.choice(["ordinaire", "extraordinaire"]),
            "n": r.randint(3, 250), "present": r.randint(9, 15), "m": r.randint(2, 40), "hour": r.randint(8, 10), "hour2": r.randint(12, 16),
            "amount": f"{r.randint(2, 900) * 1000:,}".replace(",", " "), "ref": ref,
            "date": f"{r.randint(1, 28)} {r.choice(MONTHS)} {self.year}",
        }
        return pattern.format(**values)


def make_text(rng, index, legal):
    """One short administrative text (about 300 bytes to 2 KB) and a file-name slug."""
    province = rng.choice(sorted(PROVINCES))
    commune = rng.choice(PROVINCES[province])
    year = rng.randint(2015, 2025)
    slug, title_pattern, patterns = rng.choice(TYPES)
    filler = _Filler(rng, province, commune, year)
    ref = f"{index:05d}/{year}"
    lines = ["RÉPUBLIQUE DU BURUNDI", f"PROVINCE DE {province.upper()}", f"COMMUNE {commune.upper()}",
             f"N/Réf. : {ref}/{slug[:3].upper()}", "", filler.fill(title_pattern, ref), ""]
    body = [filler.fill(p, ref) for p in patterns if rng.random() < 0.8] or [filler.fill(patterns[0], ref)]
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
        body.insert(rng.randint(0, len(body)), rng.choice(legal))
    text = "\n".join(lines) + "\n".join(body)
    while len(text.encode("utf-8")) > 1900 and len(body) > 1:
        body.pop(rng.randrange(len(body)))
        text = "\n".join(lines) + "\n".join(body)
    text += f"\n\nFait à {commune}, le {rng.randint(1, 28)} {rng.choice(MONTHS)} {year}.\n{filler.person()}\n"
    return slug, text


def make_pdf_source(rng, index, legal):
    """Source text of one multi-page report (5–30 pages), in make_pdfs' input format."""
    province = rng.choice(sorted(PROVINCES))
    commune = rng.choice(PROVINCES[province])
    year = rng.randint(2015, 2024)
    filler = _Filler(rng, province, commune, year)
    ref = f"R{index:03d}/{year}"
    title = rng.choice(PDF_KINDS).format(commune=commune, year=year, year4=year + 4)
    pages = rng.randint(5, 30)
    all_patterns = [p for _, _, ps in TYPES for p in ps]
    out = [title, ""]
    for page in range(pages):
        if page:
            out += ["\f"]
        section = PDF_SECTIONS[page % len(PDF_SECTIONS)]
        out += [f"{page + 1}. {section}", ""]
        size = 0
        # About 2,800 characters: a page of 10.5-point Helvetica holds about 3,800.
        while size < 2800:
            sentences = [filler.fill(rng.choice(all_patterns), ref) if rng.random() < 0.6 else rng.choice(legal)
                         for _ in range(rng.randint(3, 6))]
            paragraph = " ".join(sentences)
            out += [paragraph, ""]
            size += len(paragraph)
    return title, pages, "\n".join(out) + "\n"


def generate(work, corpus_docs, n_texts, n_pdfs, seed, make_pdfs_bin, log):
    """Writes WORK/corpus/{texts,pdfs,pdf-src}; returns the list of text and PDF paths."""
    rng = random.Random(seed)
    legal = legal_sentences(corpus_docs)
    base = os.path.join(work, "corpus")
    texts_dir, pdfs_dir, src_dir = (os.path.join(base, d) for d in ("texts", "pdfs", "pdf-src"))
    for d in (texts_dir, pdfs_dir, src_dir):
        os.makedirs(d, exist_ok=True)
        for name in os.listdir(d):
            os.remove(os.path.join(d, name))
    texts = []
    for i in range(1, n_texts + 1):
        slug, text = make_text(rng, i, legal)
        path = os.path.join(texts_dir, f"{i:05d}-{slug}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        texts.append(path)
        if i % 1000 == 0:
            log(f"  texts: {i}/{n_texts}")
    jobs, pdfs = [], []
    for i in range(1, n_pdfs + 1):
        title, _, source = make_pdf_source(rng, i, legal)
        slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFD", title.lower()).encode("ascii", "ignore").decode()).strip("-")
        src = os.path.join(src_dir, f"{i:03d}.txt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(source)
        out = os.path.join(pdfs_dir, f"{i:03d}-{slug[:60]}.pdf")
        jobs.append(f"{src}\t{out}")
        pdfs.append(out)
    if jobs:
        list_file = os.path.join(base, "pdf-jobs.tsv")
        with open(list_file, "w", encoding="utf-8") as f:
            f.write("\n".join(jobs) + "\n")
        log(f"  PDFs: writing {n_pdfs} with make_pdfs")
        subprocess.run([make_pdfs_bin, list_file], check=True, stdout=subprocess.DEVNULL)
    return texts, pdfs


def pdf_pages(path):
    """Page count from pdfinfo."""
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def strip_accents(s):
    """NFD, then drop the combining marks."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)))


NUMBER_RULE = ("each word's number switched: -aux -> -al; -al -> -aux; final -s or -x dropped; "
               "-eau/-eu -> +x; -z unchanged; otherwise +s")


def switch_number(word):
    """Singular <-> plural by a simple French rule (NUMBER_RULE)."""
    w = word
    if w.endswith("aux"):
        return w[:-3] + "al"
    if w.endswith("al"):
        return w[:-2] + "aux"
    if w.endswith(("s", "x")):
        return w[:-1]
    if w.endswith("z"):
        return w
    if w.endswith(("eau", "eu")):
        return w + "x"
    return w + "s"
