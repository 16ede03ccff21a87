#!/usr/bin/env python3
"""Write a realistic, deterministic JSON Lines import file for Nejat CMS.

    python3 generate-dataset.py --posts 100000 --seed 42 --out /tmp/nejat-cms-bench/dataset.jsonl

One JSON object per line (UTF-8, not ASCII-escaped), in this order:

    {"type":"edition",...}  the four editions en, ar, fa, sq
    {"type":"author",...}   60 authors from the four cultures (Latin-ASCII slugs)
    {"type":"tag",...}      40 tags per edition, slugs and names in the edition's script
    {"type":"post",...}     N posts spread evenly over the editions

Posts: ~93% published (publishedAt between 2020-11-01 and 2026-10-31, minute precision,
some sharing the exact same instant within an edition), ~5% draft (publishedAt null or
absent), ~2% scheduled (publishedAt in 2027-2028). About 30% of stories appear in 2-4
editions under one translationKey (at most one post per edition per key); the rest have
a unique translationKey or none (null).

The same --seed and --posts always give a byte-identical file (Python 3 stdlib only; no
dependence on hash randomisation or on today's date). The file is written to a temporary
name beside --out and renamed when complete, so a partial file never has the final name.
Counts per line type are printed to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import unicodedata
from datetime import datetime, timezone

ZWNJ = "\u200c"

# --------------------------------------------------------------------------------------------
# Editions
# --------------------------------------------------------------------------------------------

EDITIONS = [
    {"type": "edition", "code": "en", "name": "English", "direction": "ltr", "locale": "en-GB"},
    {"type": "edition", "code": "ar", "name": "عربي", "direction": "rtl", "locale": "ar"},
    {"type": "edition", "code": "fa", "name": "فارسی", "direction": "rtl", "locale": "fa-IR"},
    {"type": "edition", "code": "sq", "name": "Shqip", "direction": "ltr", "locale": "sq-AL"},
]
CODES = [e["code"] for e in EDITIONS]

# --------------------------------------------------------------------------------------------
# Vocabulary. Real words of each language; sentences are random sequences of them.
# Persian words use Persian yeh/kaf (U+06CC, U+06A9) and ZWNJ where the language wants it.
# --------------------------------------------------------------------------------------------

WORDS = {
    "en": """
        the government people city village minister parliament election elections economy citizens
        freedom press report organisation international rights human women children school schools
        university students hospital doctors water electricity prices market workers companies oil
        gas energy climate drought farming wheat border refugees migrants camp united nations council
        security said says announced confirmed added lives works waits demands demand faces face during
        after before since until between on in from to with about this these that which who but also
        new large small first last year week month years war peace talks agreement decision law court
        judge prison detainees police protests streets capital region country world journalists media
        internet phone book culture art music film history memory hope fear future life family home
        road bread poverty unemployment crisis aid budget taxes president prime opposition parties
        political social economic health education began continued rose fell many few all some every
        hundreds thousands millions nearly around local officials residents families teachers farmers
        winter summer spring autumn morning evening night river mountain valley province district
        reporters witnesses sources statement interview investigation evidence documents records
        housing rent salaries wages inflation currency exports imports trade factory factories
        protesters activists lawyers trial sentence release arrested detained released displaced
        returned rebuild rebuilt reconstruction flood floods earthquake shelter medicine vaccine
        clinic nurses patients shortage shortages queue queues fuel bakery harvest rain snow
""".split(),
    "ar": """
        الحكومة الشعب المدينة القرية الوزير البرلمان الانتخابات الاقتصاد المواطنين الحرية الصحافة
        التقرير المنظمة الدولية حقوق الإنسان المرأة الأطفال المدارس الجامعة الطلاب المستشفى الأطباء
        المياه الكهرباء الأسعار السوق العمال الشركات النفط الغاز الطاقة المناخ الجفاف الزراعة القمح
        الحدود اللاجئين المهاجرين المخيم الأمم المتحدة مجلس الأمن قال قالت أعلن أعلنت أكد أكدت أضاف
        يقول تقول يعيش يعمل تعمل ينتظر يطالب يطالبون يواجه تواجه خلال بعد قبل منذ حتى بين على في
        من إلى مع عن هذا هذه ذلك التي الذي الذين لكن أيضا جديد جديدة كبير كبيرة صغير الأول الأخيرة
        العام الماضي اليوم الأسبوع الشهر السنوات الحرب السلام المفاوضات الاتفاق القرار القانون
        المحكمة القاضي السجن المعتقلين الشرطة الاحتجاجات المظاهرات الشوارع العاصمة المنطقة البلاد
        العالم العربي الأوروبي الصحفيين وسائل الإعلام الإنترنت الهاتف الكتاب الثقافة الفن الموسيقى
        الفيلم التاريخ الذاكرة الأمل الخوف المستقبل الحياة العائلة البيت الطريق السيارة الخبز الفقر
        البطالة الأزمة المساعدات الإغاثة الميزانية الضرائب الرئيس رئيس الوزراء المعارضة الأحزاب
        السياسية الاجتماعية الاقتصادية الصحية التعليمية شهد شهدت بدأ بدأت استمر استمرت ارتفع ارتفعت
        انخفض كثير قليل جميع بعض كل مئات آلاف ملايين نحو حوالي المسؤولين السكان العائلات المعلمين
        المزارعين الشتاء الصيف الربيع الخريف الصباح المساء الليل النهر الجبل الوادي المحافظة
        المراسلين الشهود المصادر البيان المقابلة التحقيق الأدلة الوثائق السكن الإيجار الرواتب الأجور
        التضخم العملة الصادرات الواردات التجارة المصنع المحتجين الناشطين المحامين المحاكمة الحكم
        اعتقل اعتقلت أفرج النازحين عادوا الإعمار الفيضانات الزلزال المأوى الدواء اللقاح العيادة
        الممرضات المرضى نقص الطوابير الوقود المخبز الحصاد المطر الثلج
""".split(),
    "fa": """
        دولت مردم شهر روستا وزیر مجلس انتخابات اقتصاد شهروندان آزادی مطبوعات گزارش سازمان بین‌المللی
        حقوق بشر زنان کودکان مدرسه دانشگاه دانشجویان بیمارستان پزشکان آب برق قیمت‌ها بازار کارگران
        شرکت‌ها نفت گاز انرژی آب‌وهوا خشکسالی کشاورزی گندم مرز پناهجویان مهاجران اردوگاه گفت گفته
        می‌گوید می‌شود می‌کنند می‌خواهند نمی‌دانند می‌توانند شده‌اند کرده‌اند خانه‌ها کتاب‌ها سال‌ها
        آن‌ها روزنامه‌نگاران خیابان‌ها گفت‌وگو همچنین پیش‌بینی بیکاری در از به با برای که این آن و یا
        اما نیز هنوز پس پیش بعد قبل امروز دیروز هفته ماه سال گذشته آینده جدید بزرگ کوچک مهم اول آخر
        زندگی خانواده خانه راه خودرو نان فقر بحران کمک بودجه مالیات رئیس‌جمهور رئیس مخالفان احزاب
        سیاسی اجتماعی اقتصادی فرهنگی تاریخ حافظه امید ترس جنگ صلح مذاکرات توافق تصمیم قانون دادگاه
        قاضی زندان بازداشت‌شدگان پلیس اعتراضات تظاهرات پایتخت منطقه کشور جهان ایران افغانستان هرات
        کابل تهران اینترنت تلفن کتاب فرهنگ هنر موسیقی فیلم گروه چند چندین همه برخی هزاران میلیون‌ها
        پژوهش پژوهشگران گزارشگر مسئولان ساکنان خانواده‌ها معلمان کشاورزان زمستان تابستان بهار پاییز
        صبح شب رودخانه کوه دره استان شاهدان منابع بیانیه مصاحبه تحقیق شواهد اسناد مسکن اجاره
        حقوق‌بگیران دستمزد تورم پول صادرات واردات تجارت کارخانه معترضان فعالان وکیلان محاکمه حکم
        بازداشت آزاد آوارگان بازگشتند بازسازی سیل زلزله پناهگاه دارو واکسن درمانگاه پرستاران بیماران
        کمبود صف سوخت نانوایی برداشت باران برف پیوند چراغ ژرف گذرگاه چشم‌انداز می‌رود می‌آید
        نمی‌شود بچه‌ها کوچه‌ها
""".split(),
    "sq": """
        qeveria populli qyteti fshati ministri parlamenti zgjedhjet ekonomia qytetarët liria shtypi
        raporti organizata ndërkombëtare të drejtat njeriut gratë fëmijët shkolla shkollat universiteti
        studentët spitali mjekët uji energjia çmimet tregu punëtorët kompanitë nafta gazi klima
        thatësira bujqësia gruri kufiri refugjatët emigrantët kampi kombet bashkuara këshilli siguria
        tha thotë deklaroi njoftoi konfirmoi shtoi jeton punon pret kërkon kërkojnë përballet gjatë pas
        para që prej deri midis mbi në nga me për kjo ky ajo këto por gjithashtu edhe ri re madh vogël
        parë fundit viti kaluar sot java muaji vitet lufta paqja bisedimet marrëveshja vendimi ligji
        gjykata gjyqtari burgu policia protestat rrugët kryeqyteti rajoni vendi bota gazetarët mediat
        interneti telefoni libri kultura arti muzika filmi historia kujtesa shpresa frika ardhmja jeta
        familja shtëpia rruga makina buka varfëria papunësia kriza ndihma buxheti taksat presidenti
        kryeministri opozita partitë politike shoqërore ekonomike shëndetësore arsimore filloi vazhdoi
        rritën ranë shumë pak gjithë disa çdo qindra mijëra miliona rreth afërsisht Tiranë Kosovë
        Shqipëri Prishtinë çështja çfarë përgjigje zhvillimi bashkëpunimi ndërtimi ëndrra dëshira
        zyrtarët banorët familjet mësuesit fermerët dimri vera pranvera vjeshta mëngjesi mbrëmja nata
        lumi mali lugina qarku dëshmitarët burimet deklarata intervista hetimi provat dokumentet
        strehimi qiraja pagat inflacioni monedha eksportet importet tregtia fabrika protestuesit
        aktivistët avokatët gjyqi dënimi arrestuan liruan zhvendosurit rindërtimi përmbytjet tërmeti
        strehë ilaçe vaksina klinika infermieret pacientët mungesa radhët karburanti furra korrja shiu
        bora çelësi çadra përçarje
""".split(),
}

FULL_STOP = {"en": ".", "ar": ".", "fa": ".", "sq": "."}
QUESTION = {"en": "?", "ar": "؟", "fa": "؟", "sq": "?"}
COMMA = {"en": ",", "ar": "،", "fa": "،", "sq": ","}
LATIN = {"en": True, "ar": False, "fa": False, "sq": True}
ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# --------------------------------------------------------------------------------------------
# Tags: 40 per edition, name as the editors write it; the slug is derived from the name.
# --------------------------------------------------------------------------------------------

TAG_NAMES = {
    "en": [
        "Human rights", "Politics", "Economy", "Sport", "Culture", "Environment", "Health",
        "Education", "Technology", "Women", "Refugees", "Middle East", "Balkans", "Iran",
        "Afghanistan", "Elections", "Press freedom", "Interview", "Analysis", "Opinion",
        "Special report", "Migration", "Climate", "Energy", "Agriculture", "Books", "Cinema",
        "Music", "History", "Society", "Youth", "Justice", "Corruption", "Media", "Housing",
        "Labour", "Science", "Religion", "Internet", "Mental health",
    ],
    "ar": [
        "حقوق الإنسان", "سياسة", "اقتصاد", "رياضة", "ثقافة", "البيئة", "الصحة", "التعليم",
        "التكنولوجيا", "المرأة", "اللاجئون", "الشرق الأوسط", "شمال أفريقيا", "الخليج", "سوريا",
        "العراق", "لبنان", "مصر", "فلسطين", "اليمن", "السودان", "الانتخابات", "حرية الصحافة",
        "مقابلة", "تحليل", "رأي", "تقرير خاص", "الهجرة", "المناخ", "الطاقة", "الزراعة", "الأدب",
        "السينما", "الموسيقى", "التاريخ", "المجتمع", "الشباب", "القضاء", "الفساد", "الإعلام",
    ],
    "fa": [
        "حقوق بشر", "سیاست", "اقتصاد", "ورزش", "فرهنگ و هنر", "محیط زیست", "بهداشت", "آموزش",
        "فناوری", "زنان", "پناهجویان", "خاورمیانه", "ایران", "افغانستان", "تاجیکستان", "انتخابات",
        "آزادی بیان", "گفت‌وگو", "تحلیل", "یادداشت", "گزارش ویژه", "مهاجرت", "آب‌وهوا", "انرژی",
        "کشاورزی", "کتاب", "سینما", "موسیقی", "تاریخ", "جامعه", "جوانان", "دادگستری", "فساد",
        "رسانه", "چندرسانه‌ای", "روزنامه‌نگاری", "کار و کارگر", "پژوهش", "ژئوپلیتیک", "سلامت روان",
    ],
    "sq": [
        "Të drejtat e njeriut", "Politikë", "Ekonomi", "Sport", "Kulturë", "Mjedis", "Shëndetësi",
        "Arsim", "Teknologji", "Gratë", "Refugjatët", "Ballkani", "Kosova", "Maqedonia e Veriut",
        "Zgjedhjet", "Liria e shtypit", "Intervistë", "Analizë", "Opinion", "Reportazh",
        "Emigracioni", "Klima", "Energji", "Bujqësi", "Letërsi", "Kinema", "Muzikë", "Histori",
        "Shoqëri", "Rinia", "Drejtësi", "Korrupsioni", "Media", "Çështje sociale", "Çmimet",
        "Bashkimi Evropian", "Diaspora", "Punësimi", "Turizëm", "Fëmijët",
    ],
}

# --------------------------------------------------------------------------------------------
# People and places. (native name, Latin-ASCII transliteration for the slug)
# --------------------------------------------------------------------------------------------

FIRST_NAMES = {
    "en": [(n, n.lower()) for n in (
        "James Sarah Oliver Emily Thomas Hannah Daniel Charlotte Samuel Grace Benjamin Lucy "
        "Matthew Alice Joseph").split()],
    "ar": [
        ("محمد", "mohammed"), ("فاطمة", "fatima"), ("أحمد", "ahmed"), ("ليلى", "layla"),
        ("يوسف", "youssef"), ("مريم", "mariam"), ("عمر", "omar"), ("نور", "nour"),
        ("خالد", "khaled"), ("سلمى", "salma"), ("حسن", "hassan"), ("رنا", "rana"),
        ("طارق", "tariq"), ("هدى", "huda"), ("سامي", "sami"),
    ],
    "fa": [
        ("مریم", "maryam"), ("علی", "ali"), ("زهرا", "zahra"), ("رضا", "reza"), ("فاطمه", "fatemeh"),
        ("حسین", "hossein"), ("نرگس", "narges"), ("امید", "omid"), ("شیرین", "shirin"),
        ("کاوه", "kaveh"), ("پریسا", "parisa"), ("بهروز", "behrouz"), ("ژیلا", "zhila"),
        ("گلناز", "golnaz"), ("سیاوش", "siavash"), ("چکامه", "chakameh"),
    ],
    "sq": [
        ("Arbër", "arber"), ("Blerina", "blerina"), ("Erjon", "erjon"), ("Elira", "elira"),
        ("Dritan", "dritan"), ("Mimoza", "mimoza"), ("Ilir", "ilir"), ("Teuta", "teuta"),
        ("Gëzim", "gezim"), ("Lindita", "lindita"), ("Besnik", "besnik"), ("Vjosa", "vjosa"),
        ("Fatos", "fatos"), ("Drita", "drita"), ("Kastriot", "kastriot"),
    ],
}
LAST_NAMES = {
    "en": [(n, n.lower()) for n in (
        "Thompson Walker Hughes Clarke Bennett Foster Reid Mitchell Turner Hayes Morgan Price "
        "Sullivan Fletcher Gray").split()],
    "ar": [
        ("الحسن", "al-hassan"), ("المصري", "al-masri"), ("حداد", "haddad"), ("خوري", "khoury"),
        ("العلي", "al-ali"), ("منصور", "mansour"), ("سليمان", "suleiman"), ("ناصر", "nasser"),
        ("عباس", "abbas"), ("الشامي", "al-shami"), ("جابر", "jaber"), ("حمدان", "hamdan"),
        ("صالح", "saleh"), ("يعقوب", "yacoub"), ("زيدان", "zidan"),
    ],
    "fa": [
        ("رحیمی", "rahimi"), ("احمدی", "ahmadi"), ("کریمی", "karimi"), ("حسینی", "hosseini"),
        ("موسوی", "mousavi"), ("پاکزاد", "pakzad"), ("نوروزی", "nowruzi"), ("کاظمی", "kazemi"),
        ("صدری", "sadri"), ("گودرزی", "goudarzi"), ("ژیان", "zhian"), ("چمنی", "chamani"),
        ("یزدانی", "yazdani"), ("شکیبا", "shakiba"), ("توکلی", "tavakoli"),
    ],
    "sq": [
        ("Hoxha", "hoxha"), ("Krasniqi", "krasniqi"), ("Berisha", "berisha"), ("Gashi", "gashi"),
        ("Çela", "cela"), ("Shehu", "shehu"), ("Dushku", "dushku"), ("Kelmendi", "kelmendi"),
        ("Rama", "rama"), ("Zeka", "zeka"), ("Bajraktari", "bajraktari"), ("Gjoka", "gjoka"),
        ("Dervishi", "dervishi"), ("Mërkuri", "merkuri"), ("Dibra", "dibra"),
    ],
}
AUTHORS_PER_CULTURE = 15

CITIES = {
    "en": ["London", "Herat", "Kabul", "Tehran", "Beirut", "Cairo", "Tirana", "Pristina",
           "Istanbul", "Baghdad", "Damascus", "Geneva", "Brussels", "Athens"],
    "ar": ["بيروت", "دمشق", "القاهرة", "بغداد", "عمّان", "الخرطوم", "تونس", "الرباط", "غزة",
           "حلب", "الموصل", "صنعاء", "الجزائر", "طرابلس"],
    "fa": ["هرات", "کابل", "تهران", "مشهد", "شیراز", "دوشنبه", "تبریز", "اصفهان", "مزار شریف",
           "کرمانشاه", "زاهدان", "بلخ", "رشت", "کرمان"],
    "sq": ["Tiranë", "Prishtinë", "Shkodër", "Durrës", "Vlorë", "Korçë", "Tetovë", "Elbasan",
           "Gjirokastër", "Prizren", "Berat", "Pejë", "Fier", "Kukës"],
}

BYLINE_BY = {"en": "By {}", "ar": "بقلم {}", "fa": "به قلم {}", "sq": "Nga {}"}
BYLINE_FROM = {"en": "Reported from {}", "ar": "تقرير من {}", "fa": "گزارش از {}", "sq": "Raportim nga {}"}
BYLINE_TRANSLATED = {"en": "Translated by {}", "ar": "ترجمة {}", "fa": "ترجمه‌ی {}", "sq": "Përktheu {}"}

LINK_PATHS = ["report", "data", "archive", "documents", "statement", "study", "interview",
              "timeline", "map", "photos", "background", "explainer"]

# Dates: published posts fall in [PUBLISHED_FROM, PUBLISHED_TO]; scheduled in 2027-2028.
# Fixed instants (not "now") so the file depends only on --seed and --posts.
PUBLISHED_FROM = int(datetime(2020, 11, 1, tzinfo=timezone.utc).timestamp())
PUBLISHED_TO = int(datetime(2026, 10, 29, tzinfo=timezone.utc).timestamp())
SCHEDULED_FROM = int(datetime(2027, 1, 1, tzinfo=timezone.utc).timestamp())
SCHEDULED_TO = int(datetime(2028, 12, 31, 23, 0, tzinfo=timezone.utc).timestamp())

SHARE_MULTI_EDITION_STORIES = 0.30   # of stories; each such story has 2-4 posts
SHARE_PUBLISHED = 0.93
SHARE_DRAFT = 0.05                   # the remaining ~2% are scheduled
SHARE_REUSED_INSTANT = 0.04          # published posts that copy the previous instant of their edition
SENTENCE_POOL = 4000                 # distinct sentences per edition that bodies are built from


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fix_script(code: str, word: str) -> str:
    """Persian text uses Persian yeh and kaf; Arabic text uses Arabic ones."""
    if code == "fa":
        word = word.replace("\u064a", "\u06cc").replace("\u0643", "\u06a9")
    elif code == "ar":
        word = word.replace("\u06cc", "\u064a").replace("\u06a9", "\u0643")
    return nfc(word)


def slugify(text: str) -> str:
    """Lower case, words joined by '-'; keeps letters, marks, digits and U+200C only."""
    out = []
    for word in nfc(text).lower().split():
        kept = "".join(ch for ch in word
                       if ch == ZWNJ or unicodedata.category(ch)[0] in "LMN")
        kept = kept.strip(ZWNJ)
        if kept:
            out.append(kept)
    return "-".join(out)


def is_valid_slug(slug: str) -> bool:
    if not slug or slug.startswith("-") or slug.endswith("-") or "--" in slug or len(slug) > 200:
        return False
    if slug != nfc(slug):
        return False
    for ch in slug:
        cat = unicodedata.category(ch)
        if cat in ("Lu", "Lt"):
            return False
        if not (ch in "-" + ZWNJ or cat[0] == "L" or cat == "Nd" or cat in ("Mn", "Mc")):
            return False
    return True


def iso(ts: int) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Language:
    """Word list, sentence pool and text builders of one edition."""

    def __init__(self, code: str, rng: random.Random):
        self.code = code
        self.rng = rng
        self.words = [fix_script(code, w) for w in WORDS[code]]
        # Lower-case words only for slugs/titles' inner words; proper nouns keep their case.
        self.stop = FULL_STOP[code]
        self.question = QUESTION[code]
        self.comma = COMMA[code]
        self.latin = LATIN[code]
        self.pool = [self._sentence() for _ in range(SENTENCE_POOL)]
        self.pool_bytes = [len(s.encode("utf-8")) + 1 for s in self.pool]

    def _number(self) -> str:
        n = str(self.rng.choice([self.rng.randint(2, 99), self.rng.randint(100, 5000),
                                 self.rng.randint(2015, 2026)]))
        if self.code == "fa" and self.rng.random() < 0.7:
            return n.translate(PERSIAN_DIGITS)
        if self.code == "ar" and self.rng.random() < 0.4:
            return n.translate(ARABIC_INDIC_DIGITS)
        return n

    def _cap(self, text: str) -> str:
        return text[:1].upper() + text[1:] if self.latin else text

    def _sentence(self) -> str:
        rng = self.rng
        n = rng.randint(6, 16)
        words = rng.choices(self.words, k=n)
        if rng.random() < 0.2:
            words[rng.randrange(1, n)] = self._number()
        parts = []
        for i, w in enumerate(words):
            if 1 < i < n - 2 and rng.random() < 0.07:
                w += self.comma
            parts.append(w)
        end = self.question if rng.random() < 0.06 else self.stop
        return self._cap(" ".join(parts)) + end

    def phrase(self, lo: int, hi: int) -> str:
        return self._cap(" ".join(self.rng.choices(self.words, k=self.rng.randint(lo, hi))))

    def title(self) -> str:
        t = self.phrase(4, 10)
        if self.rng.random() < 0.05:
            t += self.question
        return t

    def sentences(self, budget: int) -> str:
        """Sentences from the pool until about `budget` UTF-8 bytes."""
        rng, pool, sizes = self.rng, self.pool, self.pool_bytes
        out = []
        used = 0
        while True:
            i = rng.randrange(SENTENCE_POOL)
            # Take the sentence when at least half of it fits, so lengths centre on the budget.
            if out and used + sizes[i] // 2 > budget:
                return " ".join(out)
            out.append(pool[i])
            used += sizes[i]
            if used >= budget:
                return " ".join(out)

    def link(self, text: str, post_no: int) -> str:
        """Wraps a few words of `text` in an <a href> to example.org."""
        words = text.split(" ")
        if len(words) < 4:
            return text
        k = self.rng.randint(2, 4)
        i = self.rng.randrange(0, len(words) - k)
        href = f"https://example.org/{self.code}/{self.rng.choice(LINK_PATHS)}/{post_no}"
        words[i] = f'<a href="{href}">' + words[i]
        words[i + k - 1] += "</a>"
        return " ".join(words)

    def body(self, post_no: int) -> str:
        rng = self.rng
        target = rng.randint(1600, 4000)            # bytes of bodyHtml, roughly
        paragraphs = rng.randint(3, 8)
        blocks: list[str] = []
        extras = []
        if rng.random() < 0.3:
            extras.append("h2")
        if rng.random() < 0.2:
            extras.append("blockquote")
        if rng.random() < 0.15:
            extras.append("ul")
        link_in = rng.randrange(paragraphs) if rng.random() < 0.35 else -1
        extra_cost = 90 * len(extras)
        per_paragraph = max(60, (target - extra_cost) // paragraphs - 7)
        h2_at = rng.randrange(1, paragraphs) if "h2" in extras else -1
        quote_at = rng.randrange(1, paragraphs) if "blockquote" in extras else -1
        ul_at = rng.randrange(1, paragraphs) if "ul" in extras else -1
        for p in range(paragraphs):
            if p == h2_at:
                blocks.append(f"<h2>{self.phrase(2, 6)}</h2>")
            text = self.sentences(per_paragraph)
            if p == link_in:
                text = self.link(text, post_no)
            if p == quote_at:
                blocks.append(f"<blockquote><p>{text}</p></blockquote>")
            else:
                blocks.append(f"<p>{text}</p>")
            if p == ul_at:
                items = "".join(f"<li>{self.phrase(3, 8)}</li>" for _ in range(rng.randint(3, 5)))
                blocks.append(f"<ul>{items}</ul>")
        return "".join(blocks)


def build_authors(rng: random.Random):
    """15 authors per culture, interleaved; returns (lines, slugs by culture, names by slug)."""
    per_culture: dict[str, list[tuple[str, str]]] = {}
    for code in CODES:
        firsts = [(fix_script(code, n), s) for n, s in FIRST_NAMES[code]]
        lasts = [(fix_script(code, n), s) for n, s in LAST_NAMES[code]]
        pairs = [(f, l) for f in firsts for l in lasts]
        rng.shuffle(pairs)
        chosen = []
        used_first = set()
        used_last = set()
        for f, l in pairs:  # prefer distinct first and last names, like a real staff list
            if f[1] in used_first or l[1] in used_last:
                continue
            used_first.add(f[1])
            used_last.add(l[1])
            chosen.append((f"{f[0]} {l[0]}", f"{f[1]}-{l[1]}"))
            if len(chosen) == AUTHORS_PER_CULTURE:
                break
        per_culture[code] = chosen
    lines = []
    slugs_by_culture: dict[str, list[str]] = {c: [] for c in CODES}
    name_by_slug: dict[str, str] = {}
    for i in range(AUTHORS_PER_CULTURE):
        for code in CODES:
            name, slug = per_culture[code][i]
            assert is_valid_slug(slug) and slug.isascii(), slug
            assert slug not in name_by_slug, slug
            lines.append({"type": "author", "slug": slug, "name": name})
            slugs_by_culture[code].append(slug)
            name_by_slug[slug] = name
    return lines, slugs_by_culture, name_by_slug


def build_tags():
    lines = []
    slugs: dict[str, list[str]] = {}
    for code in CODES:
        seen = set()
        slugs[code] = []
        for raw in TAG_NAMES[code]:
            name = fix_script(code, raw)
            slug = slugify(name)
            assert is_valid_slug(slug), (code, slug)
            assert slug not in seen, (code, slug)
            seen.add(slug)
            slugs[code].append(slug)
            lines.append({"type": "tag", "edition": code, "slug": slug, "name": name})
    return lines, slugs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=100000, help="number of posts (default 100000)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--out", required=True, help="output file ('-' for stdout)")
    args = ap.parse_args(argv)
    if args.posts < 0:
        ap.error("--posts must be 0 or more")

    started = time.monotonic()
    rng = random.Random(args.seed)
    langs = {code: Language(code, rng) for code in CODES}
    author_lines, author_slugs, author_names = build_authors(rng)
    all_author_slugs = [s for c in CODES for s in author_slugs[c]]
    tag_lines, tag_slugs = build_tags()
    # Popular tags are popular: tag i of an edition is picked with weight 1/(i+1)^0.8.
    tag_cum = {}
    for code in CODES:
        acc, cum = 0.0, []
        for i in range(len(tag_slugs[code])):
            acc += 1.0 / (i + 1) ** 0.8
            cum.append(acc)
        tag_cum[code] = cum
    names_by_culture = {
        code: [f"{fix_script(code, f)} {fix_script(code, l)}"
               for f, _ in FIRST_NAMES[code][:8] for l, _ in LAST_NAMES[code][:6]]
        for code in CODES
    }
    cities = {code: [fix_script(code, c) for c in CITIES[code]] for code in CODES}

    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    counts = {"edition": 0, "author": 0, "tag": 0, "post": 0}
    status_counts = {"published": 0, "draft": 0, "scheduled": 0}
    edition_counts = {c: 0 for c in CODES}
    multi_stories = 0
    stories = 0
    multi_posts = 0

    if args.out == "-":
        out = sys.stdout
        tmp_path = None
    else:
        out_dir = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(out_dir, exist_ok=True)
        tmp_path = os.path.join(out_dir, f".{os.path.basename(args.out)}.tmp-{os.getpid()}")
        out = open(tmp_path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)

    try:
        write = out.write
        for line in EDITIONS:
            write(dumps(line) + "\n")
            counts["edition"] += 1
        for line in author_lines:
            write(dumps(line) + "\n")
            counts["author"] += 1
        for line in tag_lines:
            write(dumps(line) + "\n")
            counts["tag"] += 1

        last_instant = {c: None for c in CODES}
        post_no = 0
        remaining = args.posts
        while remaining > 0:
            stories += 1
            if rng.random() < SHARE_MULTI_EDITION_STORIES:
                size = rng.choices((2, 3, 4), weights=(5, 3, 2))[0]
            else:
                size = 1
            size = min(size, remaining)
            # The least-filled editions get the story, so editions stay even to within one post.
            editions = sorted(CODES, key=lambda c: (edition_counts[c], rng.random()))[:size]
            if size > 1:
                multi_stories += 1
                multi_posts += size
                key = f"story-{stories:06d}"
            else:
                key = f"story-{stories:06d}" if rng.random() < 0.5 else None
            story_instant = rng.randrange(PUBLISHED_FROM, PUBLISHED_TO) // 60 * 60
            for code in editions:
                lang = langs[code]
                post_no += 1
                edition_counts[code] += 1
                title = lang.title()
                slug_words = slugify(title).split("-")[: rng.randint(3, 6)]
                slug = "-".join(slug_words + [str(post_no)])

                r = rng.random()
                if r < SHARE_PUBLISHED:
                    status = "published"
                    if last_instant[code] is not None and rng.random() < SHARE_REUSED_INSTANT:
                        instant = last_instant[code]
                    else:
                        # Translations follow the original within two days; editors like round times.
                        instant = story_instant + (rng.randrange(0, 48 * 60) * 60 if size > 1 else 0)
                        if rng.random() < 0.3:
                            instant = instant // 900 * 900
                    last_instant[code] = instant
                    published_at = iso(instant)
                elif r < SHARE_PUBLISHED + SHARE_DRAFT:
                    status = "draft"
                    published_at = None
                else:
                    status = "scheduled"
                    published_at = iso(rng.randrange(SCHEDULED_FROM, SCHEDULED_TO) // 60 * 60)
                status_counts[status] += 1

                if rng.random() < 0.8:
                    author = rng.choice(author_slugs[code])
                else:
                    author = rng.choice(all_author_slugs)

                b = rng.random()
                if b < 0.25:
                    byline = None
                elif b < 0.55:
                    own = author in author_slugs[code]
                    byline = BYLINE_BY[code].format(
                        author_names[author] if own else rng.choice(names_by_culture[code]))
                elif b < 0.85 or size == 1:
                    byline = BYLINE_FROM[code].format(rng.choice(cities[code]))
                else:
                    byline = BYLINE_TRANSLATED[code].format(rng.choice(names_by_culture[code]))

                n_tags = rng.choices((1, 2, 3, 4), weights=(3, 4, 2, 1))[0]
                picked: list[str] = []
                pool = tag_slugs[code]
                while len(picked) < n_tags:
                    t = rng.choices(pool, cum_weights=tag_cum[code])[0]
                    if t not in picked:
                        picked.append(t)

                post = {
                    "type": "post",
                    "edition": code,
                    "slug": slug,
                    "title": title,
                    "excerpt": lang.sentences(rng.randint(100, 260)),
                    "bodyHtml": lang.body(post_no),
                    "status": status,
                }
                # Drafts: publishedAt is null for half of them and absent for the rest.
                if published_at is not None or rng.random() < 0.5:
                    post["publishedAt"] = published_at
                post["author"] = author
                post["byline"] = byline
                post["tags"] = picked
                post["translationKey"] = key
                write(dumps(post) + "\n")
                counts["post"] += 1
            remaining -= size
        out.flush()
        if tmp_path is not None:
            out.close()
            os.replace(tmp_path, args.out)
            tmp_path = None
    finally:
        if tmp_path is not None:
            out.close()
            try:
                os.unlink(tmp_path)
            except OSError:
                pass

    elapsed = time.monotonic() - started
    err = sys.stderr
    print(f"wrote {sum(counts.values())} lines to {args.out} in {elapsed:.1f}s (seed {args.seed}):", file=err)
    for kind, n in counts.items():
        print(f"  {kind:8} {n}", file=err)
    print("  posts by edition: " + ", ".join(f"{c} {edition_counts[c]}" for c in CODES), file=err)
    print("  posts by status:  " + ", ".join(f"{s} {n}" for s, n in status_counts.items()), file=err)
    print(f"  stories: {stories}, of which in 2-4 editions: {multi_stories} "
          f"({multi_posts} posts share a translationKey)", file=err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
