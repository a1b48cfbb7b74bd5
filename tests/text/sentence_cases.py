"""Invented news-like sentences with gold boundaries, shared by the tests and ``benchmarks/bench_sentences.py``.

Each case is one paragraph with `` | `` where a sentence ends; the text is the
case with each `` | `` replaced by one space. Every name, figure and quote here
is made up for these tests.
"""

from __future__ import annotations

SEP = " | "

CASES: dict[str, list[str]] = {
    "abbreviation": [
        "Mr. Alvarez arrived late on Tuesday. | He declined to comment.",
        "The report was signed by Dr. Okafor and two colleagues.",
        "Officials in the U.S. said the talks would resume. | No date was set.",
        "The company's U.S. unit will be sold by the end of the year.",
        "The meeting ended at 11 p.m. on Friday.",
        "The vote is set for 10 a.m. Thursday, officials said.",
        "The polls closed at 8 p.m. | Counting began at once.",
        "Shares of Northwind Inc. fell 4 percent in early trading.",
        "Bellweather Corp. said profits doubled. | Its shares rose.",
        "Kestrel Ltd. denied the claims on Monday.",
        "Gov. Whitfield signed the bill on Jan. 12, aides said.",
        "The hearing was moved to Feb. 3. | Lawyers for both sides agreed.",
        "Troops arrived on Dec. 24. | They left on Jan. 2.",
        "The summit is scheduled for Sept. 14–16 in Geneva.",
        "He lives on Maple St. near the old station.",
        "St. Brendan's Hospital reopened its east wing. | Patients returned on Monday.",
        "The shop at 12 Harbor Ave. closed in May.",
        "The measure, known as Proposition No. 9, passed narrowly.",
        "No. 2 on the list was the mayor herself.",
        "Sen. Marlowe and Rep. Iqbal co-sponsored the bill. | It failed in committee.",
        "The bill passed 52 to 48. | Sen. Albright voted no.",
        "Lt. Col. Brandt told reporters the unit had withdrawn.",
        "The firm, Halvorsen & Co., reported a loss. | Analysts were surprised.",
        "Prof. Delacroix, who teaches at the university, disagreed.",
        "The flight left at 6:45 a.m. local time and landed safely.",
        "Exports rose, e.g. steel and grain, while imports fell.",
        "Several groups, i.e. unions and churches, joined the march.",
        "The rally drew farmers, truckers, nurses, etc. | Police estimated the crowd at 5,000.",
        "It was the city vs. the state, and the state won.",
        "Dr. Ruiz resigned. | Mr. Ford will replace her.",
        "The U.K. and the E.U. signed the accord on Sunday.",
        "The Washington, D.C., office will close next month.",
        "He moved to Washington, D.C. | There he joined a law firm.",
        "Ms. Tanaka and Mrs. Oduya led the delegation.",
        "Martin Ellsworth Jr. spoke first. | His father followed.",
        "Sgt. Pereira was promoted. | Cpl. Lindqvist was not.",
        "The Rev. Thomas Achebe led the service.",
        "Mt. Kessel erupted on Sunday for the first time in a decade.",
        "The peak is 4,100 ft. high and rarely climbed.",
        "Citing Sec. 4 of the law, the court ruled against him.",
        "The ruling cited Art. 5 of the treaty.",
        "The storm made landfall near Port Ellis, La., on Sunday.",
        "The A.C.L.U. filed suit on Monday. | A hearing is set for June.",
        "The suit was filed by the A.C.L.U. | A hearing is set for June.",
        "U.N. envoy Maria Ostrova spoke first. | She urged restraint.",
        "Vantor Inc. and Kell Corp. signed the deal.",
        "The company is Northwind Inc. | Its chief executive resigned in March.",
        "Gen. Halloran's office said the drill went ahead. | Approx. 300 troops took part.",
    ],
    "initials": [
        "J. R. R. Tolkien's letters were auctioned in London. | The sale raised a record sum.",
        "George W. Bush visited the site in 2004.",
        "The novel by E. M. Forster was adapted again. | Critics were divided.",
        "Former president George H. W. Bush was honored at the ceremony.",
        "The case was heard by Judge Ana P. Reyes on Monday.",
        "Her lawyer, T. J. Moreno, said she would appeal.",
        "The plan was devised by A. Kumar and B. Lindholm.",
        "The study's lead author, L. Chen, did not respond. | Her co-author declined to comment.",
        "The agreement is known as Plan B. | Critics call it a bailout.",
    ],
    "quotes": [
        '"We will not back down." | The minister left the room.',
        "“We will not back down.” | The minister left the room.",
        "'Is that true?' she asked.",
        '"Is it over?" she asked.',
        "“We are leaving,” he said. | “Nobody can stop us.”",
        "He called it 'a disgrace.' | Others agreed.",
        "'Will they pay?' | That remains unclear.",
        "“Who knows?” | The answer came a week later.",
        '"Get out!" shouted the guard.',
        "She said the plan was “dead on arrival.” | Her aides declined to elaborate.",
        '"It\'s over," said Mr. Haddad. | "We lost."',
        'The sign read "Closed." | Nobody knew why.',
        "“Enough is enough!” | Protesters chanted outside.",
        "“Why now?” asked one resident.",
        "He asked, “Why now?” | Nobody answered.",
        "The officer said: 'Move back.' | The crowd did not move.",
        "“This is not over,” she said, “not by a long way.”",
        "'Why?' he asked. | 'Because I said so.'",
        "He said: “No.” | Then he left.",
        "“Are you sure?” | “Quite sure,” she replied.",
        "The memo called the deal ‘premature.’ | It was never signed.",
    ],
    "numbers": [
        "The company raised $3.5 million in its first round. | Investors included two banks.",
        "Inflation rose 2.5% in March, up from 2.1% in February.",
        "The deal is worth €4.2 billion. | It closes in June.",
        "Version 2.0 of the app was released on Monday.",
        "The stock closed at $12.75. | It had opened at $13.10.",
        "Turnout was 61.3 percent, the highest since 1992.",
        "Rainfall totaled 0.8 inches. | Roads stayed open.",
        "The index fell 1.2 percent. | Bond yields rose.",
        "She paid £1.25m for the house.",
        "The ceasefire began at 06.00 GMT and held overnight.",
        "It happened in 1989. | The wall fell that November.",
        "The team won 3-1. | Fans celebrated into the night.",
        "The jet flew at Mach 2. | Then it turned back.",
        "Ökonomen erwarten 2,5 % Wachstum. | Die Regierung ist skeptischer.",
        "Prices rose .5 percent, less than forecast.",
    ],
    "ellipsis": [
        "We waited... and waited. | Nothing happened.",
        "The answer was… complicated.",
        "He trailed off... | The room went silent.",
        "“I don't know…” | She shrugged.",
        "The law says the state “shall not . . . impose” a tax.",
        "And then... nothing.",
    ],
    "lists": [
        "The plan has three steps: 1. cut costs, 2. sell assets, 3. hire.",
        "1. Register to vote. | 2. Find your polling place. | 3. Bring identification.",
        "The team finished No. 1 in the rankings. | Its coach was fired anyway.",
        "The results: 1) turnout fell, 2) spoiled ballots rose.",
        "(a) the fee rises; (b) the limit falls.",
        "Two changes stand out. | First, the fee rises. | Second, the limit falls.",
    ],
    "parentheses": [
        "The vote was delayed again. | (It had already been postponed twice.) | Senators went home.",
        "Turnout fell sharply (by 12 points). | Officials blamed the rain.",
        "The agency (known as the FDA) approved the drug.",
        "He left (reluctantly). | She stayed.",
        "[Editor's note: This story was updated.] | The council met again.",
        "The figures (see Table 2.) were revised later.",
    ],
    "non_english": [
        "Le président a démissionné hier. | Élisabeth Morel lui succède.",
        "El Sr. García llegó a las nueve. | Nadie lo esperaba.",
        "Der Minister sagte, es gebe z. B. keine Einigung. | Öffentlich äußerte er sich nicht.",
        "¿Quién ganó? | Nadie lo sabe todavía.",
        "Şehir merkezinde yangın çıktı. | İtfaiye hemen geldi.",
        "São Paulo registrou chuva forte. | Água invadiu as ruas.",
        "M. Dupont est arrivé à Paris. | Il a été accueilli par la maire.",
        "Łódź przyjęła nowy budżet. | Radni głosowali jednogłośnie.",
        "Ärzte warnen vor Hitze. | Über 30 Grad werden erwartet.",
        "« Nous partons », a-t-il dit. | Personne n'a répondu.",
        "Der Bericht erschien am 3. Oktober in Berlin.",
    ],
    "plain": [
        "The vote passed! | Cheers erupted.",
        "What happens next? | Nobody in the capital seems to know.",
        "Really?! | That was the response from the mayor's office.",
        "The website, example.com, crashed twice.",
        "Visit www.northwind-news.org for details. | Updates follow hourly.",
        "Email tips to desk@northwind.org. | We read everything.",
        "Sales were up 3 per cent. | Profits were down.",
        "Chapter 11 bankruptcy is not the end. | Many firms recover.",
        "The plan — approved in 2019 — failed. | Nobody was surprised.",
        "OK. | Let's go.",
        "The jury found him guilty on all counts. | Sentencing is set for Oct. 3. | He faces up to 10 years in prison.",
        "Sentences  with  double  spaces  are  common. | They  still  split.",
        "The band played until midnight. | 2,000 fans stayed to the end.",
        "a lowercase start is allowed. | so is a second one.",
        "The harbour reopened",
        "The harbour reopened. | ",
        "Police said the man, 41, was arrested at the scene.",
        "The inquiry found no wrongdoing. | However, it criticised the delays. | The minister welcomed the report.",
    ],
}


def case_text(case: str) -> str:
    """The paragraph a case stands for."""
    return case.replace(SEP, " ")


def gold_sentences(case: str) -> list[str]:
    """The sentences of a case, stripped, without empty ones."""
    return [s.strip() for s in case.split(SEP) if s.strip()]


def gold_boundaries(case: str) -> set[int]:
    """Offsets into :func:`case_text` where a sentence ends and another follows."""
    text = case_text(case)
    ends: list[int] = []
    at = 0
    for sentence in gold_sentences(case):
        at = text.index(sentence, at) + len(sentence)
        ends.append(at)
    return set(ends[:-1])


ALL_CASES: list[tuple[str, str]] = [(kind, case) for kind, cases in CASES.items() for case in cases]
