// What listings and templates are made of, per category. Titles,
// descriptions and tags come from `subjects`, `audiences`, `benefits` and
// `tags`; templates come from `roles`, `tasks` and `outputs` (text) or
// `scenes` and `details` (images), which are never used for the listing.

/** A kind of prompt: the names it is sold under and the template body behind them. */
export interface Offer {
  subjects: readonly string[];
  /** The task (text prompts) or scene (image prompts), with [variables]. */
  body: string;
}

export interface TextCategoryBank {
  kind: 'text';
  offers: readonly Offer[];
  audiences: readonly string[];
  benefits: readonly string[];
  tags: readonly string[];
  roles: readonly string[];
  outputs: readonly string[];
}

export interface ImageCategoryBank {
  kind: 'image';
  offers: readonly Offer[];
  audiences: readonly string[];
  benefits: readonly string[];
  tags: readonly string[];
  details: readonly string[];
}

export type CategoryBank = TextCategoryBank | ImageCategoryBank;

const offer = (subjects: readonly string[], body: string): Offer => ({ subjects, body });

export const CATEGORY_BANKS: Record<string, CategoryBank> = {
  writing: {
    kind: 'text',
    offers: [
      offer(
        ['Blog Post Writer', 'Long-Form Article Writer', 'Ghostwriter for Op-Eds'],
        'Write a [word_count]-word blog post about [topic] for [audience]. Use a [tone] voice, open with a concrete scene, and give every section a clear takeaway.',
      ),
      offer(
        ['Blog Post Outliner', 'Book Chapter Planner', 'Article Structure Builder'],
        'Outline a long-form piece on [topic] aimed at [audience]. Propose five section headings, the key argument of each, and one statistic or example worth researching.',
      ),
      offer(
        ['Short Story Starter', 'Novel Opening Generator', 'Fiction Scene Writer'],
        'Write the opening scene of a [genre] story. The main character is [character_name]. Premise: [story_premise]. End the scene on a question the reader needs answered.',
      ),
      offer(
        ['Copy Editor', 'Dialogue Polisher', 'Readability Rewriter'],
        'Edit the following text for clarity and rhythm without changing its meaning. Keep the author’s [tone] voice.\n\nText:\n[draft_text]',
      ),
      offer(
        ['Newsletter Drafter', 'Weekly Digest Writer'],
        'Draft a newsletter issue about [topic] for [audience]. It should feel [tone], be under [word_count] words and close with one question readers will want to reply to.',
      ),
      offer(
        ['Headline Generator', 'Title Brainstormer'],
        'Write ten headlines for an article about [topic] aimed at [audience]. Mix curiosity, benefit and number-led headlines, and mark your top three.',
      ),
      offer(
        ['Plot Twist Engine', 'Story Doctor'],
        'Here is my [genre] story so far:\n[story_premise]\nSuggest five plot twists that are surprising but fair, each with the clue I should plant earlier.',
      ),
    ],
    audiences: [
      'bloggers',
      'novelists',
      'content teams',
      'students',
      'newsletter writers',
      'journalists',
    ],
    benefits: [
      'turns a rough idea into a structured draft you can publish',
      'keeps your voice while fixing flow, rhythm and clarity',
      'breaks writer’s block with fresh angles and hooks',
      'produces clean drafts that need minutes of editing, not hours',
      'builds stories with real stakes and a satisfying arc',
    ],
    tags: [
      'writing',
      'blogging',
      'storytelling',
      'editing',
      'copywriting',
      'fiction',
      'content',
      'outline',
    ],
    roles: [
      'You are a seasoned editor who has shaped bestselling non-fiction.',
      'You are a novelist and writing teacher known for vivid, economical prose.',
      'You are a content strategist who writes articles that rank and get read to the end.',
    ],
    outputs: [
      'Format the answer in Markdown with H2 headings.',
      'Return the draft first, then a bullet list of the changes you made and why.',
      'Keep paragraphs under four sentences. No clichés, no filler phrases.',
      'Finish with three alternative titles.',
    ],
  },
  marketing: {
    kind: 'text',
    offers: [
      offer(
        ['Facebook Ad Copy Generator', 'Google Ads Headlines', 'Viral Hook Writer'],
        'Write five ad variants for [product_name] on [platform]. Product: [product_description]. Audience: [audience]. Each variant gets a hook, a body of at most 60 words and a call to action to [goal].',
      ),
      offer(
        ['Landing Page Copywriter', 'Sales Page Builder'],
        'Create a landing page for [product_name] in the [industry] market. Brand voice: [brand_voice]. Lead with the main outcome, handle three objections and end with [offer].',
      ),
      offer(
        ['SEO Content Brief', 'Keyword Article Planner'],
        'Build an SEO content brief for the keyword "[keyword]". Include search intent, an H2/H3 outline, questions to answer, internal link ideas and a meta description.',
      ),
      offer(
        ['Cold E-mail Sequence', 'B2B Outreach Writer', 'Email Subject Line Lab'],
        'Write a three-step cold e-mail sequence from [company_name] to [audience] in [industry]. Goal: [goal]. Keep each e-mail under 120 words, give each two subject lines, and end with a single question.',
      ),
      offer(
        ['Social Media Calendar', 'Content Calendar Planner'],
        'Plan 30 days of [platform] posts for [company_name]. Mix education, proof and offers; each post gets a hook, the core message and a call to action.',
      ),
      offer(
        ['Brand Voice Guide'],
        'Write a brand voice guide for [company_name] in [industry]: the personality in three words ([brand_voice]), do and don’t lists, vocabulary, and three sample sentences rewritten in the new voice.',
      ),
      offer(
        ['Customer Persona Builder', 'Product Launch Plan'],
        'Build three customer personas for [product_name] in [industry]: goals, frustrations, objections, where they spend time online and the launch message that wins each one.',
      ),
      offer(
        ['Case Study Writer'],
        'Turn this customer story into a case study for [company_name]: challenge, solution, results with numbers, and a pull quote.\n\n[draft_text]',
      ),
    ],
    audiences: [
      'marketers',
      'founders',
      'e-commerce brands',
      'agencies',
      'growth teams',
      'solopreneurs',
    ],
    benefits: [
      'writes conversion-focused copy built on proven frameworks like AIDA and PAS',
      'plans a full month of posts in one go, each with a hook and a call to action',
      'produces search-friendly briefs your writers can follow without guessing',
      'gives you several variants ready for A/B testing',
      'keeps every message on-brand and on-strategy',
    ],
    tags: [
      'marketing',
      'seo',
      'ads',
      'social-media',
      'email',
      'copywriting',
      'conversion',
      'growth',
    ],
    roles: [
      'You are a direct-response copywriter with fifteen years of agency experience.',
      'You are a growth marketer who has scaled three consumer brands past $10M in revenue.',
      'You are an SEO strategist who writes briefs for large content teams.',
    ],
    outputs: [
      'Present the result as a table with one row per variant.',
      'Mark every claim that needs proof with (verify).',
      'Write at a grade 7 reading level.',
      'Add a one-line rationale under each variant.',
    ],
  },
  coding: {
    kind: 'text',
    offers: [
      offer(
        ['Senior Code Reviewer', 'Security Code Auditor', 'Pull Request Reviewer'],
        'Review this [language] code. List bugs, security issues and readability problems in order of severity, then show a corrected version.\n\n[code]',
      ),
      offer(
        ['Unit Test Generator', 'Test Coverage Booster'],
        'Write unit tests in [language] for the following code using the standard test tools of [framework]. Cover the happy path, edge cases and failure modes.\n\n[code]',
      ),
      offer(
        ['Bug Hunter', 'Stack Trace Explainer'],
        'I get this error in a [framework] app written in [language]:\n[error_message]\nExplain the most likely causes, how to confirm each one, and the fix.',
      ),
      offer(
        ['Refactoring Assistant', 'Legacy Code Cleaner'],
        'Refactor the following [language] code for readability without changing behaviour. Explain each change in one sentence.\n\n[code]',
      ),
      offer(
        ['Feature Design Planner', 'Technical Spec Writer', 'Migration Planner'],
        'Design the implementation of this feature in a [framework] project: [feature_description]. Describe the data model, the endpoints, the edge cases, the rollout and a test plan.',
      ),
      offer(
        ['Regex Builder'],
        'Write a regular expression for [language] that matches [pattern_description]. Explain each part, list five strings it should match and five it should reject, and show the test code.',
      ),
      offer(
        ['Commit Message Writer', 'Pull Request Summarizer'],
        'Write a conventional commit message and a pull request description for this change. Summary line under 72 characters, then a body that explains why.\n\n[code]',
      ),
      offer(
        ['Legacy Code Explainer', 'Code Walkthrough Guide'],
        'Explain what this [language] code does, step by step, for a developer new to the codebase. Then list the assumptions it makes and what could break.\n\n[code]',
      ),
      offer(
        ['API Documentation Writer'],
        'Write API documentation for this [language] code: purpose, parameters, return values, errors and one usage example per function.\n\n[code]',
      ),
      offer(
        ['Performance Profiler'],
        'This [language] code is too slow on large inputs. Find the bottlenecks, estimate their complexity and propose faster versions with benchmarks to prove it.\n\n[code]',
      ),
    ],
    audiences: [
      'developers',
      'tech leads',
      'bootcamp students',
      'open-source maintainers',
      'data engineers',
      'freelancers',
    ],
    benefits: [
      'catches bugs, edge cases and security issues before your users do',
      'writes thorough tests that follow your project’s conventions',
      'explains unfamiliar code step by step in plain language',
      'suggests small, safe refactors instead of risky rewrites',
      'turns vague errors into a clear diagnosis and a fix',
    ],
    tags: [
      'coding',
      'programming',
      'code-review',
      'testing',
      'debugging',
      'refactoring',
      'developer-tools',
      'documentation',
    ],
    roles: [
      'You are a staff engineer who reviews code for correctness, clarity and security.',
      'You are a patient senior developer mentoring a teammate.',
      'You are a test engineer who believes every bug deserves a failing test first.',
    ],
    outputs: [
      'Use fenced code blocks with the language name.',
      'Start with a one-paragraph summary, then the details.',
      'Say explicitly when you are unsure instead of guessing.',
      'Keep the public API of the code unchanged.',
    ],
  },
  business: {
    kind: 'text',
    offers: [
      offer(
        ['Business Plan Builder', 'Lean Canvas Writer'],
        'Write a one-page business plan for [company_name] in [industry]. Cover the problem, the customer, the offer, channels, revenue model and the three biggest risks.',
      ),
      offer(
        ['SWOT Analysis', 'Competitor Teardown'],
        'Run a SWOT analysis for [company_name], a company in [industry], against its main competitors. For each point give the evidence and one action it implies.',
      ),
      offer(
        ['Pitch Deck Narrative', 'Investor Pitch Coach'],
        'Draft the narrative for a ten-slide pitch deck for [company_name]. Audience: [audience]. Give each slide a headline and the key message.',
      ),
      offer(
        ['Pricing Strategy Advisor', 'Monetization Planner'],
        'Propose a pricing strategy for [product_name] in [industry]. Compare three models, their risks and the one you recommend for [audience].',
      ),
      offer(
        ['OKR Drafter', 'Quarterly Goals Planner'],
        'Write quarterly OKRs for a team whose goal is to [goal]. Three objectives, three measurable key results each.',
      ),
      offer(
        ['Job Description Writer', 'Hiring Kit Builder'],
        'Write a job description for a [job_title] at [company_name], a company in [industry]: the mission of the role, responsibilities, must-haves, nice-to-haves and five interview questions.',
      ),
      offer(
        ['Investor Update Writer', 'Board Meeting Prep'],
        'Draft a monthly update for the investors of [company_name]: highlights, key metrics, lowlights, lessons and specific asks. Notes:\n[meeting_notes]',
      ),
      offer(
        ['Negotiation Coach'],
        'Prepare me for a negotiation with [recipient] about [topic]. Give my best alternative, their likely positions, three opening lines and how to answer the toughest objection.',
      ),
      offer(
        ['Market Sizing Assistant', 'Go-To-Market Planner'],
        'Estimate the market for [product_name] in [industry] top-down and bottom-up, showing every assumption, then outline the go-to-market plan for the first 90 days.',
      ),
    ],
    audiences: [
      'founders',
      'product managers',
      'consultants',
      'small-business owners',
      'MBA students',
      'executives',
    ],
    benefits: [
      'structures messy thinking into a plan you can present tomorrow',
      'asks the hard questions an investor or board member would ask',
      'turns numbers into a story that decision makers follow',
      'saves hours of blank-page time on strategy documents',
      'follows frameworks used by top consulting firms',
    ],
    tags: [
      'business',
      'strategy',
      'startup',
      'planning',
      'pitch',
      'management',
      'consulting',
      'finance',
    ],
    roles: [
      'You are a management consultant who has advised startups and Fortune 500 companies.',
      'You are a venture partner who has read thousands of pitch decks.',
      'You are a pragmatic COO who turns strategy into weekly actions.',
    ],
    outputs: [
      'Use short headings and bullet points; no paragraph longer than three sentences.',
      'End with the three questions you would ask before committing.',
      'State assumptions explicitly in a separate list.',
      'Add a one-line executive summary at the top.',
    ],
  },
  education: {
    kind: 'text',
    offers: [
      offer(
        ['Lesson Plan Designer', 'Classroom Activity Planner', 'Science Experiment Planner'],
        'Plan a [duration]-minute lesson on [subject_area] for [grade_level]. Include learning objectives, a hook, two hands-on activities, a quick check for understanding and homework.',
      ),
      offer(
        ['Quiz Generator', 'Exam Revision Guide'],
        'Write 15 quiz questions on [subject_area] for [grade_level]: five easy, five medium, five hard, with an answer key and a one-line explanation for each.',
      ),
      offer(
        ['Socratic Tutor', 'Homework Helper'],
        'Tutor me on [subject_area] at the level of [grade_level]. Ask one question at a time and wait for my answer before continuing.',
      ),
      offer(
        ['Concept Explainer', 'Analogy Teacher'],
        'Explain [subject_area] to [audience] using two analogies, one worked example and a summary they could write on an index card.',
      ),
      offer(
        ['Flashcard Maker', 'Study Notes Condenser'],
        'Turn these notes into 20 flashcards for [grade_level], one fact per card:\n[meeting_notes]',
      ),
      offer(
        ['Rubric Builder'],
        'Create a grading rubric for a [grade_level] assignment on [subject_area] with four criteria and four performance levels, each with a clear descriptor.',
      ),
      offer(
        ['Study Schedule Planner'],
        'Build a four-week study plan for [subject_area] at [grade_level] with [days_per_week] study days per week, spaced repetition and a practice test every week.',
      ),
      offer(
        ['Essay Feedback Coach'],
        'Give feedback on this essay by a [grade_level] student: strengths, the three most important improvements, and one paragraph rewritten as an example.\n\n[draft_text]',
      ),
      offer(
        ['Language Learning Partner'],
        'Have a conversation with me in [target_language] at the level of [grade_level]. Correct my mistakes gently after each reply and teach me one new phrase every turn.',
      ),
    ],
    audiences: [
      'teachers',
      'students',
      'homeschooling parents',
      'tutors',
      'lifelong learners',
      'trainers',
    ],
    benefits: [
      'explains hard ideas step by step with analogies that stick',
      'builds complete lessons with objectives, activities and checks for understanding',
      'creates practice questions at exactly the right difficulty',
      'guides learners to the answer instead of handing it over',
      'saves teachers an evening of preparation every week',
    ],
    tags: [
      'education',
      'teaching',
      'learning',
      'study',
      'lesson-plan',
      'quiz',
      'tutoring',
      'classroom',
    ],
    roles: [
      'You are an award-winning teacher who makes difficult topics feel easy.',
      'You are a Socratic tutor: you ask guiding questions and never give the answer first.',
      'You are an instructional designer who plans lessons around clear learning objectives.',
    ],
    outputs: [
      'Use simple language suited to the learner level.',
      'Mark common misconceptions with a warning sign.',
      'Format questions as a numbered list with the answers at the end.',
      'Add a short extension task for faster learners.',
    ],
  },
  productivity: {
    kind: 'text',
    offers: [
      offer(
        ['Meeting Notes Summarizer', 'Action Item Extractor'],
        'Summarise these meeting notes. List decisions, action items with owners and deadlines, and open questions.\n\n[meeting_notes]',
      ),
      offer(
        ['Inbox Zero E-mail Writer', 'Polite Follow-Up Writer'],
        'Write an e-mail to [recipient]. Context: [email_context]. Tone: [tone]. Keep it under 150 words with a clear next step.',
      ),
      offer(
        ['Weekly Planner', 'Focus Session Planner'],
        'Help me plan my week. My main goal is to [goal]. Ask me for my fixed appointments first, then propose focus blocks, breaks and a Friday review.',
      ),
      offer(
        ['Task Prioritizer', 'To-Do List Triage'],
        'Prioritise my task list using the Eisenhower matrix and explain each placement in one line:\n[meeting_notes]',
      ),
      offer(
        ['Process Documentation Writer', 'Project Kickoff Checklist'],
        'Document the process for [topic] as a step-by-step checklist a new teammate could follow on day one.',
      ),
      offer(
        ['Standup Update Writer'],
        'Turn these notes into a standup update: yesterday, today, blockers. Keep it under 80 words.\n\n[meeting_notes]',
      ),
      offer(
        ['Decision Matrix'],
        'Help me choose between these options to [goal]:\n[meeting_notes]\nBuild a weighted decision matrix, score each option and explain the result.',
      ),
      offer(
        ['Habit Tracker Coach', 'Personal Knowledge Base Organizer'],
        'Design a simple system for [topic]: a daily trigger, a two-minute version, a tracker layout and a weekly review question.',
      ),
    ],
    audiences: [
      'busy professionals',
      'remote teams',
      'managers',
      'freelancers',
      'students',
      'executive assistants',
    ],
    benefits: [
      'turns an hour of notes into a summary with owners and deadlines',
      'writes clear, polite e-mails in seconds',
      'helps you decide what to do first and what to drop',
      'builds repeatable checklists for recurring work',
      'keeps your week realistic instead of aspirational',
    ],
    tags: [
      'productivity',
      'email',
      'meetings',
      'planning',
      'time-management',
      'workflow',
      'notes',
      'remote-work',
    ],
    roles: [
      'You are an executive assistant who is famous for clear, friendly communication.',
      'You are a productivity coach who favours simple systems over complicated apps.',
      'You are an operations manager who documents processes anyone can follow.',
    ],
    outputs: [
      'Use bullet points and bold the owner of each action item.',
      'Offer a shorter alternative version at the end.',
      'Keep it skimmable: nothing longer than two lines.',
      'Group the action items by owner.',
    ],
  },
  data: {
    kind: 'text',
    offers: [
      offer(
        ['SQL Query Writer', 'Database Question Answerer'],
        'Write a [database] query that answers: [question]. Tables: [table_schema]. Explain the query and point out any assumption about the data.',
      ),
      offer(
        ['Exploratory Data Analyst', 'Data Story Writer'],
        'Analyse this dataset: [dataset_description]. Suggest five questions worth asking, the method for each and the chart that shows the answer.',
      ),
      offer(
        ['Data Cleaning Assistant', 'Pandas Code Generator'],
        'Write Python with pandas to clean this dataset: [dataset_description]. Handle missing values, duplicates and wrong types, and log what you changed.',
      ),
      offer(
        ['Dashboard Planner', 'KPI Definition Helper'],
        'Plan a dashboard for [audience] that tracks how well we [goal]. Define each KPI, its formula, the chart type and the refresh frequency.',
      ),
      offer(
        ['A/B Test Analyst'],
        'Interpret these A/B test results for [audience] and say whether we should ship, with the statistics behind it: [dataset_description]',
      ),
      offer(
        ['Spreadsheet Formula Helper'],
        'Write a spreadsheet formula that answers "[question]" in a sheet with these columns: [table_schema]. Give Excel and Google Sheets versions and explain each part.',
      ),
      offer(
        ['Survey Results Interpreter'],
        'Interpret these survey results for [audience]: [dataset_description]. Find the three strongest signals, the caveats and what to do next.',
      ),
      offer(
        ['Chart Recommendation Engine'],
        'Recommend the best chart to answer "[question]" with this data: [dataset_description]. Explain why, and what to avoid.',
      ),
      offer(
        ['Research Paper Summarizer'],
        'Summarise this research paper for [audience]: the question, the method, the key findings with numbers, limitations and what it means in practice.\n\n[draft_text]',
      ),
      offer(
        ['Cohort Analysis Guide'],
        'Write a [database] query for a monthly cohort retention analysis using these tables: [table_schema]. Explain how to read the result.',
      ),
    ],
    audiences: [
      'analysts',
      'data scientists',
      'product managers',
      'researchers',
      'finance teams',
      'students',
    ],
    benefits: [
      'writes correct, readable SQL and explains each clause',
      'chooses the right chart for the question you are asking',
      'spots data quality problems before they ruin a report',
      'turns a table of numbers into a story for stakeholders',
      'checks statistical significance without the jargon',
    ],
    tags: ['data', 'sql', 'analytics', 'excel', 'statistics', 'python', 'dashboards', 'research'],
    roles: [
      'You are a senior data analyst who writes SQL that others can maintain.',
      'You are a statistician who explains results to non-technical stakeholders.',
      'You are a data engineer who cares about correctness and performance.',
    ],
    outputs: [
      'Put code in fenced blocks and the explanation after it.',
      'State the assumptions about the data explicitly.',
      'Suggest an index or optimisation if the query would be slow.',
      'End with a plain-language summary for non-technical readers.',
    ],
  },
  fun: {
    kind: 'text',
    offers: [
      offer(
        ['Text Adventure Game Master', 'Interactive Story Engine'],
        'Run a text adventure set in [game_theme] for [players] player(s). Describe each scene in under 120 words and offer three choices plus a free action.',
      ),
      offer(
        ['Trivia Night Host', 'Pub Quiz Builder'],
        'Host a trivia night about [topic] for [audience]: five rounds of five questions, rising in difficulty, with answers kept hidden until I ask.',
      ),
      offer(
        ['Escape Room Designer', 'Puzzle Hunt Creator'],
        'Design an escape room themed around [game_theme] for [players] players: the story, six puzzles, how they connect and hints for each.',
      ),
      offer(
        ['Murder Mystery Party Kit'],
        'Write a murder mystery party for [players] guests set in [game_theme]. Give every character a secret, a motive and an alibi.',
      ),
      offer(
        ['Bedtime Story Teller'],
        'Tell a bedtime story about [character_name] and [topic] that takes about [duration] minutes to read aloud.',
      ),
      offer(
        ['Riddle Generator'],
        'Write ten riddles about [topic] for [audience], from easy to fiendish, with the answers at the end.',
      ),
      offer(
        ['Dungeon Master Assistant', 'Fantasy World Builder'],
        'Help me run a campaign set in [game_theme]: three factions with goals, an NPC with a secret, a side quest with a twist and a random encounter table for [players] players.',
      ),
      offer(
        ['Would You Rather Generator', 'Party Game Planner'],
        'Write 20 "would you rather" questions about [topic] for [audience]: funny, surprising and never mean.',
      ),
      offer(
        ['Character Role-Play'],
        'Role-play as [character_name], who lives in [game_theme]. Stay in character, keep answers under 100 words and reveal your secret only when I earn it.',
      ),
      offer(
        ['Joke Writer'],
        'Write ten clean jokes about [topic] in a [tone] style for [audience]: seven one-liners and three short setups.',
      ),
    ],
    audiences: ['gamers', 'party hosts', 'families', 'tabletop groups', 'teachers', 'friends'],
    benefits: [
      'runs an interactive game that remembers your choices',
      'creates puzzles that are clever but fair',
      'keeps a whole group laughing and engaged',
      'builds worlds with history, factions and secrets',
      'adapts the difficulty to the players at the table',
    ],
    tags: [
      'games',
      'role-play',
      'trivia',
      'dnd',
      'party',
      'storytelling',
      'puzzles',
      'interactive-fiction',
    ],
    roles: [
      'You are a game master who improvises vivid scenes and fair challenges.',
      'You are a quiz host with a quick wit and a love of obscure facts.',
      'You are a puzzle designer who builds escape rooms for a living.',
    ],
    outputs: [
      'Stay in character until I type "pause".',
      'Keep a short status box with inventory and clues after each turn.',
      'Keep it family-friendly.',
      'Offer a twist halfway through.',
    ],
  },
  health: {
    kind: 'text',
    offers: [
      offer(
        ['Workout Plan Builder', 'Strength Progression Tracker'],
        'Create a [days_per_week]-day-per-week workout plan for a [fitness_level] who wants to [goal]. Include sets, reps, rest times and how to progress over four weeks.',
      ),
      offer(
        ['Meal Prep Planner', 'Grocery List Optimizer'],
        'Plan seven days of [dietary_preference] meals at about [calories] calories per day, with a combined grocery list grouped by aisle.',
      ),
      offer(
        ['Mobility Routine Designer', 'Desk Stretch Routine'],
        'Design a [duration]-minute mobility routine for [audience]. Describe each movement, its duration and what to feel.',
      ),
      offer(
        ['Habit Change Coach'],
        'Help me build the habit of [topic]. Propose the smallest possible first step, a cue, a reward and a plan for bad days.',
      ),
      offer(
        ['Sleep Routine Planner'],
        'Design a [duration]-minute wind-down routine for better sleep for [audience]: what to do, in which order, and what to avoid in the two hours before bed.',
      ),
      offer(
        ['Healthy Recipe Remixer'],
        'Turn this recipe into a [dietary_preference] version with similar taste and texture:\n[draft_text]',
      ),
      offer(
        ['Running Coach'],
        'Create an eight-week running plan with [days_per_week] runs per week for a [fitness_level] runner who wants to [goal]: easy runs, one quality session and a long run each week.',
      ),
      offer(
        ['Mindful Journaling Guide'],
        'Give me seven journaling prompts about [topic] for [audience], one per day, each with a follow-up question that goes deeper.',
      ),
      offer(
        ['Hydration and Recovery Plan'],
        'Plan recovery for a [fitness_level] athlete training [days_per_week] days per week: sleep, hydration, mobility and nutrition, with warning signs of overtraining.',
      ),
    ],
    audiences: [
      'beginners',
      'busy parents',
      'runners',
      'office workers',
      'athletes',
      'people over 50',
    ],
    benefits: [
      'builds a progressive plan that fits your schedule and equipment',
      'plans a week of meals with a single shopping list',
      'explains the why behind every exercise',
      'adapts to your level and scales up safely',
      'keeps the habits small enough to stick',
    ],
    tags: [
      'fitness',
      'health',
      'nutrition',
      'workout',
      'meal-plan',
      'wellbeing',
      'running',
      'habits',
    ],
    roles: [
      'You are a certified personal trainer who designs safe, progressive programmes.',
      'You are a registered dietitian who plans realistic meals for busy people.',
      'You are a wellbeing coach who favours small, sustainable habits.',
    ],
    outputs: [
      'Add a short safety note and suggest consulting a professional for medical questions.',
      'Present the plan as a table per day.',
      'Give a beginner and an advanced variation for each item.',
      'Keep instructions short enough to read mid-workout.',
    ],
  },
  music: {
    kind: 'text',
    offers: [
      offer(
        ['Songwriting Partner', 'Lyric Generator'],
        'Write lyrics for a [music_genre] song about [song_theme]: two verses, a pre-chorus, a chorus and a bridge, with a clear hook line.',
      ),
      offer(
        ['Rap Verse Writer'],
        'Write a 16-bar rap verse about [song_theme] with internal rhymes and a punchline every four bars.',
      ),
      offer(
        ['Chord Progression Generator'],
        'Suggest three chord progressions for a [music_genre] song about [song_theme], with the mood each creates and a strumming or rhythm pattern.',
      ),
      offer(
        ['Lyric Polisher'],
        'Polish these lyrics: keep the meaning, improve the rhymes and rhythm, and mark stressed syllables.\n[draft_text]',
      ),
      offer(
        ['Song Structure Planner', 'Sound Design Brief'],
        'Plan the structure of a [duration]-minute [music_genre] track, section by section, with bar counts, the sounds in each section and what changes.',
      ),
      offer(
        ['Band Bio Writer'],
        'Write a 150-word artist bio for [company_name], a [music_genre] act, in a [tone] voice.',
      ),
      offer(
        ['Album Concept Builder'],
        'Develop an album concept around [song_theme] for a [music_genre] artist: title, ten track titles with one-line descriptions, the sonic palette and the cover idea.',
      ),
      offer(
        ['Music Theory Tutor'],
        'Explain [theory_topic] using songs a [music_genre] fan would know, then give me one exercise to try on my instrument.',
      ),
      offer(
        ['Practice Routine Planner'],
        'Plan a [duration]-minute daily practice routine for a [skill_level] [instrument] player: warm-up, technique, repertoire and a weekly goal.',
      ),
      offer(
        ['Melody Idea Generator'],
        'Describe three melody ideas for a [music_genre] chorus about [song_theme]: contour, rhythm, range and where the hook lands, so I can hum them.',
      ),
      offer(
        ['Podcast Intro Script'],
        'Write a 30-second podcast intro for a show about [topic] for [audience], in a [tone] voice, ending with a hook for this episode.',
      ),
    ],
    audiences: ['songwriters', 'producers', 'bands', 'music students', 'podcasters', 'singers'],
    benefits: [
      'helps you finish songs instead of collecting half-written verses',
      'suggests rhymes and imagery that sound fresh, not forced',
      'explains theory in terms of the music you actually play',
      'structures a track so the chorus lands',
      'writes bios and press copy that sound like you',
    ],
    tags: [
      'music',
      'songwriting',
      'lyrics',
      'music-theory',
      'production',
      'rap',
      'chords',
      'audio',
    ],
    roles: [
      'You are a Grammy-nominated songwriter who co-writes across genres.',
      'You are a music theory teacher who explains concepts with familiar songs.',
      'You are a producer who thinks in arrangements and sound design.',
    ],
    outputs: [
      'Label every section (Verse 1, Chorus …).',
      'Suggest a title and two alternatives.',
      'Avoid clichés like "fire" and "desire" rhymes.',
      'Add performance notes in italics.',
    ],
  },
  art: {
    kind: 'image',
    offers: [
      offer(
        ['Dreamy Watercolor Landscapes', 'Watercolor Travel Sketches'],
        'watercolor landscape of [setting], [color_palette] palette, [mood] mood, wet-on-wet washes',
      ),
      offer(
        ['Storybook Illustrations', 'Children’s Book Characters'],
        'storybook illustration of [character] in [setting], [art_style], soft [color_palette] colours',
      ),
      offer(
        ['Surreal Concept Art', 'Dreamscape Paintings'],
        '[subject], surreal dreamlike composition, floating objects, [mood] atmosphere, [color_palette]',
      ),
      offer(
        ['Ukiyo-e Scenes'],
        'ukiyo-e woodblock print of [subject] in [setting], flat colours, bold outlines, [color_palette]',
      ),
      offer(
        ['Art Nouveau Posters', 'Tarot Card Art'],
        'art nouveau poster of [character], ornamental frame, flowing lines, [color_palette], [era] style',
      ),
      offer(
        ['Dark Fantasy Illustrations'],
        'dark fantasy illustration of [character] in [setting], dramatic [lighting], [mood] atmosphere',
      ),
      offer(
        ['Impressionist Still Lifes', 'Cozy Cottagecore Paintings'],
        '[art_style] still life of [subject] on a table by a window, [color_palette], [lighting]',
      ),
      offer(
        ['Whimsical Creature Designs'],
        'cute creature design: [character], big expressive eyes, [art_style], [color_palette] palette, white background',
      ),
      offer(
        ['Ink Wash Mountains'],
        'ink wash painting of [setting], misty mountains, [mood] mood, minimal brush strokes',
      ),
    ],
    audiences: [
      'illustrators',
      'authors',
      'print-on-demand sellers',
      'game designers',
      'art lovers',
      'teachers',
    ],
    benefits: [
      'produces a consistent style you can reuse across a whole series',
      'gives painterly results with rich texture and depth',
      'works as a base for prints, covers and posters',
      'keeps characters recognisable from image to image',
      'delivers gallery-quality compositions with balanced colour',
    ],
    tags: [
      'art',
      'illustration',
      'painting',
      'fantasy',
      'watercolor',
      'concept-art',
      'poster',
      'whimsical',
    ],
    details: [
      'intricate brushwork',
      'visible paper texture',
      'delicate linework',
      'layered glazes',
      'soft rim light',
      'rule of thirds composition',
      'ornamental border',
      'muted background',
      'hand-painted feel',
      'gentle gradients',
    ],
  },
  photography: {
    kind: 'image',
    offers: [
      offer(
        ['Cinematic Portraits'],
        'cinematic portrait of [subject], [lighting], shallow depth of field, shot on [camera] with [lens], [mood] expression',
      ),
      offer(
        ['Corporate Headshots', 'LinkedIn Profile Photos'],
        'professional headshot of [subject], [lighting], neutral grey backdrop, shot on [camera] with [lens], confident expression',
      ),
      offer(
        ['Product Photography Studio', 'E-commerce Hero Shots'],
        'product shot of [product] on [material], [lighting], clean background, shot on [camera] with [lens]',
      ),
      offer(
        ['Street Photography at Night'],
        'street photo of [setting] at night, neon reflections on wet pavement, [mood] mood, shot on [camera] with [lens]',
      ),
      offer(
        ['Food Photography Flat Lays'],
        'overhead flat lay of [subject] on [material], [lighting], styled props, food magazine look',
      ),
      offer(
        ['Moody Landscape Shots', 'Travel Postcards'],
        'wide landscape photo of [setting], [lighting], [mood] atmosphere, shot on [camera] with [lens]',
      ),
      offer(
        ['Editorial Fashion Shoot'],
        'editorial fashion photo of [subject] in [setting], [lighting], shot on [camera], magazine cover composition',
      ),
      offer(
        ['Macro Nature Details'],
        'macro photo of [subject], extreme detail, [lighting], shot with a [lens]',
      ),
      offer(
        ['Architectural Photography'],
        'architectural photo of [setting], symmetrical composition, [lighting], shot on [camera] with [lens]',
      ),
      offer(
        ['Vintage Film Look'],
        '[era] film photo of [subject] in [setting], faded colours, light leaks, [mood] mood',
      ),
      offer(
        ['Wildlife in the Wild'],
        'wildlife photo of [subject] in [setting], [lighting], shot with a 600mm lens on [camera]',
      ),
    ],
    audiences: [
      'photographers',
      'e-commerce brands',
      'bloggers',
      'agencies',
      'real-estate marketers',
      'designers',
    ],
    benefits: [
      'creates photorealistic images with believable light and depth of field',
      'replaces expensive stock photos with on-brand visuals',
      'gives you precise control over camera, lens and lighting',
      'produces consistent results across a whole product line',
      'nails the look of classic film stocks',
    ],
    tags: [
      'photography',
      'photorealistic',
      'portrait',
      'product-photo',
      'cinematic',
      'landscape',
      'stock-photo',
      'lighting',
    ],
    details: [
      'photorealistic',
      'natural skin texture',
      'film grain',
      'high dynamic range',
      'sharp focus',
      'bokeh background',
      'Kodak Portra colours',
      'editorial composition',
      'crisp reflections',
      'subtle vignette',
    ],
  },
  design: {
    kind: 'image',
    offers: [
      offer(
        ['Minimalist Logo Concepts'],
        'minimalist logo for [brand_name], [color_palette], flat vector, simple geometric shapes, white background',
      ),
      offer(
        ['App UI Mockups'],
        'mobile app UI for [brand_name], [color_palette] theme, clean layout, [mood] feel, dribbble style',
      ),
      offer(
        ['Website Hero Images'],
        'website hero image for [brand_name] showing [subject], [color_palette], empty space for a headline on the left',
      ),
      offer(
        ['Flat Icon Sets', 'Infographic Elements'],
        'set of flat icons of [subject], consistent line weight, [color_palette], grid layout',
      ),
      offer(
        ['Seamless Patterns'],
        'seamless pattern of [subject], [color_palette], flat illustration, tileable',
      ),
      offer(
        ['Packaging Design'],
        'packaging design for [product] by [brand_name], [material] texture, [color_palette], studio lighting',
      ),
      offer(
        ['Isometric Illustrations'],
        'isometric illustration of [setting], [color_palette], soft shadows, clean vector',
      ),
      offer(
        ['Poster Layouts'],
        'poster layout for [brand_name] featuring [subject], bold typography, [color_palette], [era] style',
      ),
      offer(
        ['Sticker Designs'],
        'die-cut sticker of [character], thick white border, [color_palette], vector style',
      ),
      offer(
        ['T-Shirt Graphics'],
        't-shirt graphic of [subject], [era] style, [color_palette], screen-print look, transparent background',
      ),
      offer(
        ['Brand Mood Boards'],
        'mood board for [brand_name]: textures of [material], [color_palette] swatches, photography with a [mood] mood',
      ),
    ],
    audiences: [
      'designers',
      'startups',
      'brand managers',
      'Etsy sellers',
      'developers',
      'agencies',
    ],
    benefits: [
      'generates clean, scalable concepts ready to refine in your design tool',
      'explores dozens of directions before you open Figma',
      'keeps a consistent visual language across a set',
      'delivers print-ready patterns that tile seamlessly',
      'matches your brand colours and personality',
    ],
    tags: ['design', 'logo', 'ui', 'branding', 'icons', 'pattern', 'packaging', 'minimalist'],
    details: [
      'vector art',
      'clean lines',
      'negative space',
      'grid-based layout',
      'modern sans-serif typography',
      'high contrast',
      'soft shadows',
      'behance quality',
      'pastel accents',
      'balanced composition',
    ],
  },
  '3d': {
    kind: 'image',
    offers: [
      offer(
        ['Stylized 3D Characters', 'Cute 3D Mascots'],
        '3D render of [character], stylized, [color_palette], [lighting], octane render',
      ),
      offer(
        ['Isometric Game Rooms', 'Miniature Dioramas'],
        'isometric diorama of [setting], tiny details, [color_palette], [mood] mood, soft global illumination',
      ),
      offer(
        ['Low-Poly Landscapes'],
        'low-poly landscape of [setting], [color_palette], flat shading, [mood] mood',
      ),
      offer(
        ['Claymation Figures'],
        'claymation figure of [character] in [setting], handmade texture, [lighting]',
      ),
      offer(
        ['Sci-Fi Vehicle Concepts'],
        'concept render of a sci-fi vehicle inspired by [subject], [material], [era] design, studio backdrop',
      ),
      offer(
        ['Game Item Icons', 'Fantasy Weapon Renders'],
        'game item render of [product], [era] design, [material], glowing rim light, dark background',
      ),
      offer(
        ['Voxel Worlds'],
        'voxel world of [setting], [color_palette], cubic blocks, [lighting]',
      ),
      offer(
        ['Character Turnaround Sheets'],
        'character turnaround sheet of [character]: front, side and back views, neutral pose, [color_palette]',
      ),
      offer(
        ['Cyberpunk City Renders'],
        'cyberpunk street in [setting], neon signs, rain, [lighting], volumetric fog',
      ),
    ],
    audiences: [
      'game developers',
      'indie studios',
      '3D artists',
      'marketers',
      'streamers',
      'toy designers',
    ],
    benefits: [
      'renders game-ready concepts with clean silhouettes',
      'produces consistent assets for a whole game level',
      'looks like a real studio render with soft global illumination',
      'gives mascots and characters instant personality',
      'helps you pitch a visual direction before modelling',
    ],
    tags: [
      '3d',
      'render',
      'game-art',
      'character-design',
      'isometric',
      'low-poly',
      'blender',
      'mascot',
    ],
    details: [
      'unreal engine 5',
      'subsurface scattering',
      'ambient occlusion',
      'tilt-shift',
      'cute proportions',
      'pbr materials',
      'clean topology',
      'soft shadows',
      'volumetric light',
      'centered composition',
    ],
  },
};

export const TEXT_MODELS = [
  ['chatgpt', 0.38],
  ['claude', 0.27],
  ['gemini', 0.2],
  ['llama', 0.15],
] as const;

export const IMAGE_MODELS = [
  ['midjourney', 0.38],
  ['stable-diffusion', 0.24],
  ['flux', 0.2],
  ['dall-e', 0.18],
] as const;

export type SeedModel = (typeof TEXT_MODELS)[number][0] | (typeof IMAGE_MODELS)[number][0];

export const MODEL_INFO: Record<
  SeedModel,
  { label: string; tested: readonly string[]; tag: string }
> = {
  chatgpt: { label: 'ChatGPT', tested: ['gpt-4o', 'gpt-4.1', 'o4-mini', 'gpt-5'], tag: 'chatgpt' },
  claude: {
    label: 'Claude',
    tested: ['claude-sonnet-4', 'claude-opus-4', 'claude-3.5-haiku'],
    tag: 'claude',
  },
  gemini: { label: 'Gemini', tested: ['gemini-2.5-pro', 'gemini-2.5-flash'], tag: 'gemini' },
  llama: {
    label: 'Llama',
    tested: ['llama-3.3-70b', 'llama-4-maverick', 'llama-3.1-8b'],
    tag: 'llama',
  },
  midjourney: {
    label: 'Midjourney',
    tested: ['midjourney-v7', 'midjourney-v6.1'],
    tag: 'midjourney',
  },
  'stable-diffusion': {
    label: 'Stable Diffusion',
    tested: ['sdxl-1.0', 'sd-3.5-large', 'juggernaut-xl'],
    tag: 'stable-diffusion',
  },
  flux: { label: 'Flux', tested: ['flux-1.1-pro', 'flux-1-dev', 'flux-1-schnell'], tag: 'flux' },
  'dall-e': { label: 'DALL·E', tested: ['dall-e-3', 'gpt-image-1'], tag: 'dall-e' },
};

export const TITLE_ADJECTIVES = [
  'Ultimate',
  'Pro',
  'Effortless',
  'Smart',
  'Advanced',
  'Essential',
  'Fast',
  'Expert',
  'Creative',
  'Complete',
  'Precision',
  'Instant',
  'Friendly',
  'Bold',
  'Polished',
  'Clever',
] as const;

export const TITLE_SUFFIXES = [
  'Kit',
  'Toolkit',
  'Pack',
  'Template',
  'Blueprint',
  'System',
  'Playbook',
  'Masterclass',
] as const;

export const IMAGE_TITLE_PREFIXES = [
  'Moody',
  'Vibrant',
  'Ethereal',
  'Hyperreal',
  'Cozy',
  'Minimal',
  'Retro',
  'Luminous',
  'Cinematic',
  'Pastel',
  'Golden Hour',
  'Neon',
] as const;

export const DESCRIPTION_OPENERS = [
  'This prompt {benefit}.',
  'Built for {audience}, this prompt {benefit}.',
  'Stop starting from scratch: this prompt {benefit}.',
  'A favourite of {audience}, this prompt {benefit}.',
  'If you are one of the {audience} who want better results, this prompt {benefit}.',
] as const;

export const DESCRIPTION_CLOSERS = [
  'Clear instructions are included, so you get good results on the first try.',
  'Works out of the box; swap the variables and go.',
  'Updated regularly as the models change.',
  'Questions? Message me and I usually answer within a day.',
  'Great as a starting point for your own variations.',
  'Includes tips for getting even more out of it.',
] as const;

export const REJECTION_REASONS = [
  'The description promises results the example outputs do not show. Please add real examples.',
  'The template is nearly identical to another listing by a different seller.',
  'Variables are named in the template but not described. Describe each one and resubmit.',
  'The title uses a trademark in a way that suggests an official product.',
] as const;

export const TEXT_CHANGELOGS = [
  'Tightened the instructions for more consistent results.',
  'Better results on edge cases reported by buyers.',
  'Tuned for the latest model release.',
  'Added a rule that keeps answers on track.',
  'Clearer output format, based on buyer feedback.',
  'Improved consistency between runs.',
] as const;

export const IMAGE_CHANGELOGS = [
  'More consistent style across runs.',
  'Richer detail and better composition.',
  'Tuned for the latest model version.',
  'Cleaner backgrounds, based on buyer feedback.',
  'Sharper results at high resolution.',
] as const;
