// People and conversations: names, seller bios, reviews, replies, chat lines.

export const FIRST_NAMES = [
  'Ava',
  'Liam',
  'Maya',
  'Noah',
  'Zoe',
  'Ethan',
  'Lena',
  'Omar',
  'Priya',
  'Lucas',
  'Sofia',
  'Kenji',
  'Amara',
  'Felix',
  'Nora',
  'Mateo',
  'Ingrid',
  'Ravi',
  'Chloe',
  'Diego',
  'Hana',
  'Jonas',
  'Leila',
  'Marcus',
  'Elif',
  'Tomás',
  'Yara',
  'Samuel',
  'Mei',
  'Oscar',
  'Anika',
  'Caleb',
  'Freya',
  'Idris',
  'Julia',
  'Kofi',
  'Lucia',
  'Mikael',
  'Nadia',
  'Pablo',
  'Rosa',
  'Stefan',
  'Tara',
  'Victor',
  'Wen',
  'Xavier',
  'Yusuf',
  'Zara',
  'Aiko',
  'Bruno',
] as const;

export const LAST_NAMES = [
  'Chen',
  'Okafor',
  'Schmidt',
  'Garcia',
  'Novak',
  'Patel',
  'Kim',
  'Rossi',
  'Dubois',
  'Silva',
  'Andersen',
  'Haddad',
  'Ivanova',
  'Tanaka',
  'Mensah',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  "O'Brien",
  'Petrov',
  'Quinn',
  'Ramos',
  'Sato',
  'Torres',
  'Urban',
  'Vargas',
  'Weber',
  'Yilmaz',
  'Zhang',
  'Baker',
  'Costa',
  'Duarte',
  'Eriksen',
  'Fischer',
  'Gomez',
  'Horvat',
  'Iqbal',
  'Jansen',
  'Khan',
] as const;

export const STUDIO_WORDS_A = [
  'pixel',
  'prompt',
  'neon',
  'quiet',
  'lucid',
  'clever',
  'golden',
  'velvet',
  'paper',
  'cosmic',
  'swift',
  'bright',
  'little',
  'north',
  'copper',
  'wild',
  'silver',
  'mellow',
  'atomic',
  'indigo',
] as const;

export const STUDIO_WORDS_B = [
  'forge',
  'lab',
  'studio',
  'works',
  'alchemist',
  'foundry',
  'garden',
  'atelier',
  'press',
  'mill',
  'collective',
  'craft',
  'shop',
  'house',
  'engine',
  'library',
  'loom',
  'canvas',
  'orbit',
  'kiln',
] as const;

export const SELLER_HEADLINES = [
  'Battle-tested prompts for marketers and founders',
  'Cinematic image prompts, refined over thousands of renders',
  'Prompts that write like a senior editor',
  'Developer tools for ChatGPT and Claude',
  'Teacher-made prompts for real classrooms',
  'Photoreal product shots without a studio',
  'Small prompts, big time savings',
  'Game art and 3D concepts for indie studios',
  'Data and SQL prompts from a working analyst',
  'Story, role-play and worldbuilding prompts',
  'Fitness and nutrition prompts by a certified coach',
  'Songwriting prompts from a touring musician',
] as const;

export const SELLER_BIOS = [
  'I have been writing prompts since the first GPT releases and test every one against several models before it goes live.',
  'Former agency creative director. I build prompts the way I used to brief copywriters: clear goal, clear constraints.',
  'Illustrator and art director. My image prompts come from years of mood boards and client revisions.',
  'Software engineer by day. I publish the prompts my team actually uses in code review and testing.',
  'Teacher for twelve years; now I make AI tools that save other teachers their evenings.',
  'Photographer who got curious about generative images. I care about light, lenses and believable detail.',
  'I help small businesses use AI without the hype. Every prompt comes with instructions and examples.',
  'Indie game developer sharing the prompts behind our concept art pipeline.',
] as const;

export const COUNTRIES = [
  'US',
  'GB',
  'DE',
  'FR',
  'CA',
  'NL',
  'ES',
  'SE',
  'AU',
  'JP',
  'IN',
  'BR',
] as const;

export const BUYER_BIOS = [
  '',
  '',
  'Marketing lead at a small SaaS company.',
  'Freelance designer, always looking for new styles.',
  'Teacher experimenting with AI in the classroom.',
  'Backend developer. Coffee, code, repeat.',
  'Writing my first novel, one prompt at a time.',
  'Running a tiny online shop for handmade ceramics.',
] as const;

export const REVIEW_BODIES: Record<number, readonly string[]> = {
  5: [
    'Worked on the first try with {model}. The variables make it easy to adapt to my own projects.',
    'Saved me hours this week. The output needed almost no editing.',
    'Exactly what the description promised, and the instructions are clear.',
    'Best prompt I have bought so far. Consistent results every time.',
    'I use this daily now. Worth far more than the price.',
    'Great structure and very thoughtful constraints. Results are noticeably better than my own attempts.',
  ],
  4: [
    'Very good results with {model}; I tweaked the length a little for my use case.',
    'Solid prompt. Took one or two runs to get the style I wanted, but then it was great.',
    'Does what it says. Would love one more example in the listing.',
    'Good value. The instructions helped me understand why it works.',
  ],
  3: [
    'Decent starting point, but I had to rewrite parts of the output.',
    'Works, though results vary a lot between runs on {model}.',
    'OK for the price. Not as polished as the examples suggested.',
  ],
  2: [
    'Output was too generic for my needs. The variables did not change much.',
    'Hard to get consistent results on {model}; needed a lot of retries.',
  ],
  1: [
    'Did not work for me at all with {model}. The examples look nothing like my results.',
    'Too vague to be useful. I expected more for the price.',
  ],
};

export const SELLER_REPLIES = [
  'Thank you so much for the kind words! Let me know if you want a variation for a specific use case.',
  'Thanks for the feedback! I just published a new version that addresses this.',
  'Glad it helps! Tip: change one variable at a time to learn what each one does.',
  'Sorry it did not work as expected. Send me a message with your inputs and I will help you tune it.',
  'Thanks for buying and taking the time to review!',
] as const;

export const REPORT_DETAILS = [
  'This review looks copied from another listing.',
  'The reviewer is promoting their own product.',
  'Contains insulting language towards the seller.',
  'The review is about a different prompt.',
] as const;

export const MODERATION_NOTES = [
  'Contains a link to a competing store.',
  'Personal attack on the seller.',
  'Review is about delivery speed, not the prompt.',
] as const;

/** A buyer's first message and the seller's answer, before buying. */
export const CHAT_PRE_SALE: readonly (readonly [string, string])[] = [
  [
    'Hi! Does "{title}" also work well with {other}?',
    'Hi! Yes, it works there too, though I tuned it for {model}. Results are very close.',
  ],
  [
    'Hi there, can "{title}" be used for commercial projects?',
    'Yes, commercial use of the outputs is fine. Just do not resell the prompt itself.',
  ],
  [
    'Quick question about "{title}": how long are the outputs usually?',
    'Usually a few hundred words for text, and you can ask for a shorter version in the last line.',
  ],
];

/** A buyer's first message and the seller's answer, after buying. */
export const CHAT_AFTER_SALE: readonly (readonly [string, string])[] = [
  [
    'Hello, I bought "{title}" and I am not sure how to fill in the variables. Any tips?',
    'Thanks for buying! Start with the examples in the variable list, then change one variable at a time.',
  ],
  [
    'Hey! Love "{title}". Would you consider making a version for a different niche?',
    'Great idea! I am working on a new version and will let you know when it is live.',
  ],
  [
    'Hi! I get good results with "{title}" on {model}, but would it work with {other}?',
    'It should; {other} needs a slightly shorter prompt, so drop the last rule if answers get cut off.',
  ],
];

export const CHAT_FOLLOW_UPS: readonly (readonly [string, string])[] = [
  [
    'Got it. One more thing: does it handle languages other than English?',
    'It does; most major languages work well.',
  ],
  ['Can I use the results in client work?', 'Yes, the results are yours to use.'],
  ['Will I get future versions for free?', 'Yes, every new version is included in your purchase.'],
  [
    'Is there a way to get more variety between runs?',
    'Change one variable slightly each time, or run it two or three times and combine the best parts.',
  ],
];

export const CHAT_THANKS = [
  'Thanks, that helps a lot!',
  'Perfect, I will try that tonight.',
  'Tried it and it works great now.',
  'Awesome, thank you for the quick answer.',
] as const;

export const CHAT_SIGN_OFFS = [
  'You are welcome! Enjoy, and let me know how it goes.',
  'Happy to help. A review would mean a lot if you like it!',
  'Great to hear!',
] as const;
