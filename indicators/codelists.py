"""The standard code lists (seeds 000 and 002: national and international classifications).

Provinces carry the Statistical Centre of Iran's official two-digit codes
(country divisions, 1399); `IR` is the whole country. ISIC Rev.4 sections and
divisions, ISCO-08 major groups, education levels on ISCED 2011, sex, age groups
and the ministry's organisations. `ensure_code_lists()` creates or updates them
(idempotent; editors may add codes and counties in the admin)."""

# The organisations are the portal's one list of producers (core.taxonomy):
# releases, publications and the catalog store these codes.
from core.taxonomy import ORGANISATIONS

from . import models

PROVINCES = [
    ("00", "مرکزی", "Markazi"),
    ("01", "گیلان", "Gilan"),
    ("02", "مازندران", "Mazandaran"),
    ("03", "آذربایجان شرقی", "East Azarbaijan"),
    ("04", "آذربایجان غربی", "West Azarbaijan"),
    ("05", "کرمانشاه", "Kermanshah"),
    ("06", "خوزستان", "Khuzestan"),
    ("07", "فارس", "Fars"),
    ("08", "کرمان", "Kerman"),
    ("09", "خراسان رضوی", "Razavi Khorasan"),
    ("10", "اصفهان", "Isfahan"),
    ("11", "سیستان و بلوچستان", "Sistan and Baluchestan"),
    ("12", "کردستان", "Kurdistan"),
    ("13", "همدان", "Hamadan"),
    ("14", "چهارمحال و بختیاری", "Chaharmahal and Bakhtiari"),
    ("15", "لرستان", "Lorestan"),
    ("16", "ایلام", "Ilam"),
    ("17", "کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad"),
    ("18", "بوشهر", "Bushehr"),
    ("19", "زنجان", "Zanjan"),
    ("20", "سمنان", "Semnan"),
    ("21", "یزد", "Yazd"),
    ("22", "هرمزگان", "Hormozgan"),
    ("23", "تهران", "Tehran"),
    ("24", "اردبیل", "Ardabil"),
    ("25", "قم", "Qom"),
    ("26", "قزوین", "Qazvin"),
    ("27", "گلستان", "Golestan"),
    ("28", "خراسان شمالی", "North Khorasan"),
    ("29", "خراسان جنوبی", "South Khorasan"),
    ("30", "البرز", "Alborz"),
]

ISIC_SECTIONS = [
    ("A", "کشاورزی، جنگلداری و ماهیگیری", "Agriculture, forestry and fishing", range(1, 4)),
    ("B", "معدن", "Mining and quarrying", range(5, 10)),
    ("C", "صنعت (ساخت)", "Manufacturing", range(10, 34)),
    ("D", "تأمین برق، گاز، بخار و تهویه هوا", "Electricity, gas, steam and air conditioning supply", [35]),
    ("E", "آبرسانی، مدیریت پسماند، فاضلاب و تصفیه", "Water supply; sewerage, waste management", range(36, 40)),
    ("F", "ساختمان", "Construction", range(41, 44)),
    (
        "G",
        "عمده‌فروشی و خرده‌فروشی؛ تعمیر وسایل نقلیه",
        "Wholesale and retail trade; repair of motor vehicles",
        range(45, 48),
    ),
    ("H", "حمل و نقل و انبارداری", "Transportation and storage", range(49, 54)),
    ("I", "فعالیت‌های خدماتی مربوط به تامین جا و غذا", "Accommodation and food service activities", range(55, 57)),
    ("J", "اطلاعات و ارتباطات", "Information and communication", range(58, 64)),
    ("K", "فعالیت‌های مالی و بیمه", "Financial and insurance activities", range(64, 67)),
    ("L", "فعالیت‌های املاک و مستغلات", "Real estate activities", [68]),
    ("M", "فعالیت‌های حرفه‌ای، علمی و فنی", "Professional, scientific and technical activities", range(69, 76)),
    ("N", "فعالیت‌های اداری و خدمات پشتیبانی", "Administrative and support service activities", range(77, 83)),
    (
        "O",
        "اداره امور عمومی و دفاع؛ تأمین اجتماعی اجباری",
        "Public administration and defence; compulsory social security",
        [84],
    ),
    ("P", "آموزش", "Education", [85]),
    ("Q", "فعالیت‌های مربوط به سلامت انسان و مددکاری اجتماعی", "Human health and social work activities", range(86, 89)),
    ("R", "هنر، سرگرمی و تفریح", "Arts, entertainment and recreation", range(90, 94)),
    ("S", "سایر فعالیت‌های خدماتی", "Other service activities", range(94, 97)),
    ("T", "فعالیت‌های خانوارها به عنوان کارفرما", "Activities of households as employers", range(97, 99)),
    ("U", "فعالیت‌های سازمان‌ها و هیئت‌های برون‌مرزی", "Activities of extraterritorial organizations", [99]),
]

ISIC_DIVISIONS = {
    1: ("زراعت و دامپروری", "Crop and animal production, hunting"),
    2: ("جنگلداری و بهره‌برداری از جنگل", "Forestry and logging"),
    3: ("ماهیگیری و آبزی‌پروری", "Fishing and aquaculture"),
    5: ("استخراج زغال سنگ و لیگنیت", "Mining of coal and lignite"),
    6: ("استخراج نفت خام و گاز طبیعی", "Extraction of crude petroleum and natural gas"),
    7: ("استخراج کانه‌های فلزی", "Mining of metal ores"),
    8: ("استخراج سایر معادن", "Other mining and quarrying"),
    9: ("خدمات پشتیبانی معدن", "Mining support service activities"),
    10: ("ساخت محصولات غذایی", "Manufacture of food products"),
    11: ("ساخت آشامیدنی‌ها", "Manufacture of beverages"),
    12: ("ساخت فرآورده‌های توتون و تنباکو", "Manufacture of tobacco products"),
    13: ("ساخت منسوجات", "Manufacture of textiles"),
    14: ("ساخت پوشاک", "Manufacture of wearing apparel"),
    15: ("ساخت چرم و فرآورده‌های وابسته", "Manufacture of leather and related products"),
    16: ("ساخت چوب و فرآورده‌های چوبی", "Manufacture of wood and products of wood and cork"),
    17: ("ساخت کاغذ و فرآورده‌های کاغذی", "Manufacture of paper and paper products"),
    18: ("چاپ و تکثیر رسانه‌های ضبط‌شده", "Printing and reproduction of recorded media"),
    19: ("ساخت کک و فرآورده‌های پالایش نفت", "Manufacture of coke and refined petroleum products"),
    20: ("ساخت مواد شیمیایی و فرآورده‌های شیمیایی", "Manufacture of chemicals and chemical products"),
    21: ("ساخت داروها و فرآورده‌های دارویی", "Manufacture of pharmaceuticals"),
    22: ("ساخت فرآورده‌های لاستیکی و پلاستیکی", "Manufacture of rubber and plastics products"),
    23: ("ساخت سایر فرآورده‌های معدنی غیرفلزی", "Manufacture of other non-metallic mineral products"),
    24: ("ساخت فلزات پایه", "Manufacture of basic metals"),
    25: ("ساخت محصولات فلزی فابریکی", "Manufacture of fabricated metal products"),
    26: ("ساخت محصولات رایانه‌ای، الکترونیکی و نوری", "Manufacture of computer, electronic and optical products"),
    27: ("ساخت تجهیزات برقی", "Manufacture of electrical equipment"),
    28: ("ساخت ماشین‌آلات و تجهیزات طبقه‌بندی‌نشده در جای دیگر", "Manufacture of machinery and equipment n.e.c."),
    29: ("ساخت وسایل نقلیه موتوری، تریلر و نیم‌تریلر", "Manufacture of motor vehicles, trailers and semi-trailers"),
    30: ("ساخت سایر تجهیزات حمل و نقل", "Manufacture of other transport equipment"),
    31: ("ساخت مبلمان", "Manufacture of furniture"),
    32: ("سایر صنایع", "Other manufacturing"),
    33: ("تعمیر و نصب ماشین‌آلات و تجهیزات", "Repair and installation of machinery and equipment"),
    35: ("تأمین برق، گاز، بخار و تهویه هوا", "Electricity, gas, steam and air conditioning supply"),
    36: ("جمع‌آوری، تصفیه و توزیع آب", "Water collection, treatment and supply"),
    37: ("فاضلاب", "Sewerage"),
    38: ("جمع‌آوری، تصفیه و دفع پسماند؛ بازیافت", "Waste collection, treatment and disposal; materials recovery"),
    39: ("فعالیت‌های پاک‌سازی و سایر خدمات مدیریت پسماند", "Remediation and other waste management services"),
    41: ("ساخت ساختمان", "Construction of buildings"),
    42: ("مهندسی عمران", "Civil engineering"),
    43: ("فعالیت‌های تخصصی ساختمانی", "Specialized construction activities"),
    45: ("عمده‌فروشی، خرده‌فروشی و تعمیر وسایل نقلیه موتوری", "Trade and repair of motor vehicles and motorcycles"),
    46: ("عمده‌فروشی به جز وسایل نقلیه موتوری", "Wholesale trade, except of motor vehicles"),
    47: ("خرده‌فروشی به جز وسایل نقلیه موتوری", "Retail trade, except of motor vehicles"),
    49: ("حمل و نقل زمینی و لوله‌ای", "Land transport and transport via pipelines"),
    50: ("حمل و نقل آبی", "Water transport"),
    51: ("حمل و نقل هوایی", "Air transport"),
    52: ("انبارداری و فعالیت‌های پشتیبانی حمل و نقل", "Warehousing and support activities for transportation"),
    53: ("فعالیت‌های پست و پیک", "Postal and courier activities"),
    55: ("تأمین جا", "Accommodation"),
    56: ("فعالیت‌های خدمات غذا و نوشیدنی", "Food and beverage service activities"),
    58: ("فعالیت‌های انتشاراتی", "Publishing activities"),
    59: ("تولید فیلم، ویدئو، برنامه تلویزیونی و ضبط صدا", "Motion picture, video, television and sound recording"),
    60: ("فعالیت‌های برنامه‌ریزی و پخش", "Programming and broadcasting activities"),
    61: ("مخابرات", "Telecommunications"),
    62: ("برنامه‌نویسی رایانه‌ای و مشاوره", "Computer programming, consultancy and related activities"),
    63: ("فعالیت‌های خدمات اطلاعاتی", "Information service activities"),
    64: (
        "فعالیت‌های خدمات مالی به جز بیمه و صندوق بازنشستگی",
        "Financial service activities, except insurance and pension funding",
    ),
    65: ("بیمه، بیمه اتکایی و صندوق‌های بازنشستگی", "Insurance, reinsurance and pension funding"),
    66: ("فعالیت‌های جنبی خدمات مالی و بیمه", "Activities auxiliary to financial service and insurance"),
    68: ("فعالیت‌های املاک و مستغلات", "Real estate activities"),
    69: ("فعالیت‌های حقوقی و حسابداری", "Legal and accounting activities"),
    70: ("فعالیت‌های دفاتر مرکزی و مشاوره مدیریت", "Activities of head offices; management consultancy"),
    71: ("فعالیت‌های معماری و مهندسی؛ آزمون و تحلیل فنی", "Architectural and engineering activities; technical testing"),
    72: ("پژوهش و توسعه علمی", "Scientific research and development"),
    73: ("تبلیغات و بازارپژوهی", "Advertising and market research"),
    74: ("سایر فعالیت‌های حرفه‌ای، علمی و فنی", "Other professional, scientific and technical activities"),
    75: ("فعالیت‌های دامپزشکی", "Veterinary activities"),
    77: ("فعالیت‌های اجاره", "Rental and leasing activities"),
    78: ("فعالیت‌های مربوط به اشتغال", "Employment activities"),
    79: ("آژانس‌های مسافرتی و تورگردانی", "Travel agency, tour operator and reservation activities"),
    80: ("فعالیت‌های امنیتی و تحقیقاتی", "Security and investigation activities"),
    81: ("خدمات مربوط به ساختمان و فضای سبز", "Services to buildings and landscape activities"),
    82: ("فعالیت‌های اداری و پشتیبانی کسب‌وکار", "Office administrative and business support activities"),
    84: (
        "اداره امور عمومی و دفاع؛ تأمین اجتماعی اجباری",
        "Public administration and defence; compulsory social security",
    ),
    85: ("آموزش", "Education"),
    86: ("فعالیت‌های مربوط به سلامت انسان", "Human health activities"),
    87: ("مراقبت در مراکز شبانه‌روزی", "Residential care activities"),
    88: ("مددکاری اجتماعی بدون اسکان", "Social work activities without accommodation"),
    90: ("فعالیت‌های خلاقانه، هنری و سرگرمی", "Creative, arts and entertainment activities"),
    91: (
        "کتابخانه‌ها، آرشیوها، موزه‌ها و سایر فعالیت‌های فرهنگی",
        "Libraries, archives, museums and other cultural activities",
    ),
    92: ("قمار و شرط‌بندی", "Gambling and betting activities"),
    93: ("فعالیت‌های ورزشی، سرگرمی و تفریحی", "Sports activities and amusement and recreation activities"),
    94: ("فعالیت‌های سازمان‌های عضوگیر", "Activities of membership organizations"),
    95: ("تعمیر رایانه و کالاهای شخصی و خانگی", "Repair of computers and personal and household goods"),
    96: ("سایر فعالیت‌های خدماتی شخصی", "Other personal service activities"),
    97: (
        "فعالیت‌های خانوارها به عنوان کارفرمای کارکنان خانگی",
        "Activities of households as employers of domestic personnel",
    ),
    98: (
        "فعالیت‌های تولیدی تمایزنیافته خانوارها برای مصرف خود",
        "Undifferentiated production activities of households for own use",
    ),
    99: ("فعالیت‌های سازمان‌ها و هیئت‌های برون‌مرزی", "Activities of extraterritorial organizations and bodies"),
}

ISCO_MAJOR_GROUPS = [
    ("1", "مدیران", "Managers"),
    ("2", "متخصصان", "Professionals"),
    ("3", "تکنسین‌ها و دستیاران", "Technicians and associate professionals"),
    ("4", "کارمندان امور اداری و دفتری", "Clerical support workers"),
    ("5", "کارکنان خدماتی و فروشندگان", "Service and sales workers"),
    ("6", "کارکنان ماهر کشاورزی، جنگلداری و ماهیگیری", "Skilled agricultural, forestry and fishery workers"),
    ("7", "صنعتگران و کارکنان مشاغل مربوط", "Craft and related trades workers"),
    ("8", "متصدیان و مونتاژکاران ماشین‌آلات و دستگاه‌ها", "Plant and machine operators, and assemblers"),
    ("9", "کارگران ساده", "Elementary occupations"),
    ("0", "مشاغل نیروهای مسلح", "Armed forces occupations"),
]

EDUCATION = [
    ("0", "بی‌سواد و پیش‌دبستانی", "No schooling and early childhood education (ISCED 0)"),
    ("1", "ابتدایی", "Primary education (ISCED 1)"),
    ("2", "متوسطه اول", "Lower secondary education (ISCED 2)"),
    ("3", "متوسطه دوم", "Upper secondary education (ISCED 3)"),
    ("4", "پس از متوسطه غیرعالی", "Post-secondary non-tertiary education (ISCED 4)"),
    ("5", "کاردانی", "Short-cycle tertiary education (ISCED 5)"),
    ("6", "کارشناسی", "Bachelor's or equivalent (ISCED 6)"),
    ("7", "کارشناسی ارشد", "Master's or equivalent (ISCED 7)"),
    ("8", "دکتری", "Doctoral or equivalent (ISCED 8)"),
]

SEX = [("M", "مرد", "Male"), ("F", "زن", "Female")]

AGE_GROUPS = [
    ("15-24", "۱۵ تا ۲۴ سال", "15–24 years"),
    ("25-34", "۲۵ تا ۳۴ سال", "25–34 years"),
    ("35-44", "۳۵ تا ۴۴ سال", "35–44 years"),
    ("45-54", "۴۵ تا ۵۴ سال", "45–54 years"),
    ("55-64", "۵۵ تا ۶۴ سال", "55–64 years"),
    ("65+", "۶۵ سال و بیشتر", "65 years and over"),
]


# code, Persian name, English name, standard, total code (with its labels), header aliases, codes
TOTAL = "T"
CODE_LISTS = [
    (
        "province",
        "استان",
        "Province",
        "تقسیمات کشوری، مرکز آمار ایران",
        ("IR", "کل کشور", "Iran (whole country)"),
        "استان|ostan|province code|کد استان",
        PROVINCES,
    ),
    (
        "isic",
        "فعالیت اقتصادی (ISIC)",
        "Economic activity (ISIC Rev.4)",
        "ISIC Rev.4",
        (TOTAL, "همه فعالیت‌ها", "All activities"),
        "فعالیت|فعالیت اقتصادی|activity|isic4|کد فعالیت",
        None,  # built from ISIC_SECTIONS and ISIC_DIVISIONS
    ),
    (
        "isco",
        "گروه عمده شغلی (ISCO-08)",
        "Occupation major group (ISCO-08)",
        "ISCO-08",
        (TOTAL, "همه گروه‌های شغلی", "All occupations"),
        "شغل|گروه شغلی|occupation|isco08",
        ISCO_MAJOR_GROUPS,
    ),
    (
        "education",
        "سطح تحصیلات",
        "Education level",
        "ISCED 2011",
        (TOTAL, "همه سطوح", "All levels"),
        "تحصیلات|مدرک تحصیلی|education|isced",
        EDUCATION,
    ),
    ("sex", "جنس", "Sex", "", (TOTAL, "مرد و زن", "Both sexes"), "جنسیت|gender", SEX),
    ("age", "گروه سنی", "Age group", "", (TOTAL, "همه سنین", "All ages"), "سن|گروه سنی|age group", AGE_GROUPS),
    ("organisation", "سازمان", "Organisation", "", None, "سازمان|دستگاه|organization|org", ORGANISATIONS),
]


def ensure_code_lists(CodeList=None, Code=None):
    """Create or update the standard code lists. Model classes may be passed (data migrations)."""
    if CodeList is None:
        CodeList, Code = models.CodeList, models.Code
    for code, name_fa, name_en, standard, total, aliases, codes in CODE_LISTS:
        code_list, _ = CodeList.objects.update_or_create(
            code=code,
            defaults={
                "name_fa": name_fa,
                "name_en": name_en,
                "standard": standard,
                "total_code": total[0] if total else "",
                "header_aliases": aliases,
            },
        )
        order = 0

        def put(c, fa, en, parent=None, _list=code_list):
            nonlocal order
            order += 1
            obj, _ = Code.objects.update_or_create(
                code_list=_list,
                code=c,
                defaults={"label_fa": fa, "label_en": en, "parent": parent, "sort_order": order},
            )
            return obj

        top = put(*total) if total else None
        if code == "isic":
            for letter, fa, en, divisions in ISIC_SECTIONS:
                section = put(letter, fa, en, top)
                for number in divisions:
                    dfa, den = ISIC_DIVISIONS[number]
                    put(f"{number:02d}", dfa, den, section)
        else:
            for c, fa, en in codes:
                put(c, fa, en, top)
