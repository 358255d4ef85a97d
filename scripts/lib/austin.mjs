// Raw material for demo leads around Austin, TX: real neighbourhoods with their ZIP codes,
// approximate centres and a few of their streets, so the map and the search look like a
// real roofing & plumbing business.

export const NEIGHBORHOODS = [
  { zip: "78701", lat: 30.2711, lng: -97.7437, streets: ["W 6th St", "Lavaca St", "Colorado St", "E 11th St"] },
  { zip: "78702", lat: 30.263, lng: -97.716, streets: ["E Cesar Chavez St", "Chicon St", "E 12th St", "Holly St"] },
  { zip: "78703", lat: 30.295, lng: -97.77, streets: ["Windsor Rd", "Exposition Blvd", "W 35th St", "Enfield Rd"] },
  { zip: "78704", lat: 30.246, lng: -97.76, streets: ["S Lamar Blvd", "S 1st St", "Bouldin Ave", "Barton Skyway", "Travis Heights Blvd"] },
  { zip: "78705", lat: 30.293, lng: -97.742, streets: ["Guadalupe St", "Rio Grande St", "W 26th St"] },
  { zip: "78717", lat: 30.49, lng: -97.77, streets: ["Avery Ranch Blvd", "Brushy Creek Rd", "Staked Plains Dr"] },
  { zip: "78722", lat: 30.289, lng: -97.715, streets: ["Cherrywood Rd", "Manor Rd", "Maple Ave"] },
  { zip: "78723", lat: 30.305, lng: -97.686, streets: ["Berkman Dr", "Aldrich St", "Cameron Rd", "Briarcliff Blvd"] },
  { zip: "78727", lat: 30.426, lng: -97.718, streets: ["Scofield Ridge Pkwy", "Parmer Ln", "Dessau Rd"] },
  { zip: "78731", lat: 30.347, lng: -97.768, streets: ["Far West Blvd", "Balcones Dr", "Mount Bonnell Rd"] },
  { zip: "78741", lat: 30.231, lng: -97.72, streets: ["E Riverside Dr", "Montopolis Dr", "Pleasant Valley Rd"] },
  { zip: "78744", lat: 30.186, lng: -97.74, streets: ["William Cannon Dr", "Nuckols Crossing Rd", "Stassney Ln"] },
  { zip: "78745", lat: 30.207, lng: -97.795, streets: ["Manchaca Rd", "Westgate Blvd", "Cooper Ln", "Ben White Blvd"] },
  { zip: "78748", lat: 30.163, lng: -97.823, streets: ["Slaughter Ln", "Brodie Ln", "Sendero Hills Pkwy"] },
  { zip: "78749", lat: 30.215, lng: -97.857, streets: ["Escarpment Blvd", "Davis Ln", "La Crosse Ave"] },
  { zip: "78750", lat: 30.45, lng: -97.8, streets: ["Anderson Mill Rd", "Spicewood Pkwy", "Lake Creek Pkwy"] },
  { zip: "78751", lat: 30.31, lng: -97.724, streets: ["Duval St", "Avenue F", "E 45th St", "Speedway"] },
  { zip: "78752", lat: 30.331, lng: -97.7, streets: ["St Johns Ave", "Middle Fiskville Rd", "Georgian Dr"] },
  { zip: "78753", lat: 30.365, lng: -97.68, streets: ["Rundberg Ln", "Cooper Dr", "Braker Ln"] },
  { zip: "78754", lat: 30.35, lng: -97.63, streets: ["Harris Branch Pkwy", "Cameron Rd", "Decker Ln"] },
  { zip: "78756", lat: 30.322, lng: -97.74, streets: ["Burnet Rd", "Woodrow Ave", "W 49th St"] },
  { zip: "78757", lat: 30.347, lng: -97.735, streets: ["Justin Ln", "Shoal Creek Blvd", "Anderson Ln", "Daugherty St"] },
  { zip: "78758", lat: 30.39, lng: -97.71, streets: ["Parkfield Dr", "Rutland Dr", "Metric Blvd"] },
  { zip: "78759", lat: 30.4, lng: -97.75, streets: ["Great Hills Trl", "Jollyville Rd", "Spicewood Springs Rd"] },
];

export const FIRST_NAMES = [
  "Maria", "José", "Juan", "Ana", "Luis", "Carmen", "Miguel", "Sofia", "Diego", "Rosa",
  "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "David", "Elizabeth",
  "Tyler", "Ashley", "Brandon", "Megan", "Cody", "Kayla", "Travis", "Brittany", "Dustin", "Amber",
  "Wei", "Mei", "Minh", "Linh", "Priya", "Arjun", "Anjali", "Rahul", "Hiroshi", "Yuki",
  "DeShawn", "Keisha", "Marcus", "Jasmine", "Andre", "Tamika", "Darnell", "Imani", "Jamal", "Aaliyah",
  "Hannah", "Caleb", "Olivia", "Ethan", "Grace", "Noah", "Chloe", "Logan", "Emma", "Wyatt",
];

export const LAST_NAMES = [
  "Garcia", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Rodriguez", "Perez", "Sanchez", "Ramirez", "Flores",
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
  "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
  "Nguyen", "Tran", "Pham", "Chen", "Wang", "Kim", "Patel", "Shah", "Singh", "Tanaka",
  "Washington", "Robinson", "Walker", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
  "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker",
];

export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]; // reserved: nobody real is ever mailed

/** Job descriptions by trade. Lines with words like leak, burst or ASAP score as urgent. */
export const DESCRIPTIONS = {
  roofing: [
    "Hail last week cracked a bunch of shingles on the north slope and there's granules all over the gutters. Need an inspection for the insurance claim.",
    "Roof is about 18 years old, composition shingles. Thinking about replacing before we sell next spring, would like a quote for architectural shingles.",
    "A few shingles blew off in the wind on Sunday, can see bare decking near the ridge.",
    "Looking for a quote on a standing seam metal roof for a 2,100 sq ft ranch house.",
    "Flashing around the chimney looks rusted and is pulling away from the brick.",
    "Need gutters cleaned and two downspouts reattached, one is hanging off the corner.",
    "Water is leaking through the ceiling in the living room after the storm, we have buckets out. Please come ASAP.",
    "Storm damage: a big oak limb came down on the garage roof last night and punched a hole through it.",
    "Roof is leaking around the skylight every time it rains, stain on the ceiling keeps getting bigger.",
    "Interested in a roof inspection, just bought the house and the report mentioned soft spots by the valley.",
  ],
  plumbing: [
    "Water heater is 12 years old and making popping noises. Would like a quote on a tankless replacement.",
    "Kitchen sink drains really slowly, tried a plunger and baking soda, no luck.",
    "Want to replace the toilets in both bathrooms with low-flow models.",
    "Low water pressure in the upstairs shower only, the rest of the house seems fine.",
    "Looking to add a hose bib on the back of the house and move the washer hookups.",
    "Burst pipe under the kitchen sink, water everywhere, we shut off the main. Need someone right now.",
    "Sewage backing up into the downstairs tub, smells terrible. Need help today.",
    "No hot water since this morning, pilot light won't stay lit on the gas water heater.",
    "Slab leak? Water bill doubled and we hear water running with everything off.",
    "Garbage disposal hums but doesn't spin. Probably needs replacing.",
    "Toilet keeps running and the tank takes forever to refill.",
  ],
  electrical: [
    "Outlet in the garage is sparking when we plug anything in, turned the breaker off.",
    "Want to add a 240V outlet in the garage for an EV charger.",
    "Several recessed lights flicker in the kitchen, mostly in the evening.",
    "Looking for a quote to upgrade a 100A panel to 200A.",
  ],
  hvac: [
    "AC is blowing warm air and it's 104 outside, elderly parent at home. Need someone immediately.",
    "Want a tune-up on two units before summer, one upstairs and one downstairs.",
    "Heat pump makes a grinding noise when it starts up.",
    "No heat and we have a newborn, furnace clicks but never lights.",
  ],
  renovation: [
    "Planning a guest bathroom remodel: new tub surround, vanity and tile floor. Looking for a ballpark.",
    "Want to open up the wall between the kitchen and dining room; not sure if it's load bearing.",
  ],
  handyman: [
    "Small list: fence gate sags, two interior doors stick, and a cabinet hinge is broken.",
    "Need a TV mounted above the fireplace and the cables hidden.",
  ],
  painting: ["Exterior repaint on a two-story house, the trim is peeling on the west side.", "Interior painting for three bedrooms and a hallway."],
  carpentry: ["Deck boards are rotting near the back steps, probably 6-8 boards need replacing.", "Want custom built-in shelves on both sides of the fireplace."],
  flooring: ["Quote for LVP in the living room and hallway, about 650 sq ft.", "Hardwood floors need refinishing, there's some water damage by the back door."],
  landscaping: ["Need French drain installed; the backyard floods every time it rains hard.", "Looking for xeriscaping the front yard and removing the grass."],
  other: ["Not sure who to call — there's a damp musty smell in the hallway closet.", "Need a quote for a few things around the house, call me."],
};

/** Added to some descriptions so they read like real intake notes. */
export const DESCRIPTION_EXTRAS = [
  "Gate code is 4821.",
  "Prefer a call after 5pm.",
  "We have two dogs in the backyard.",
  "Referred by a neighbor on our street.",
  "Spanish speaker preferred.",
  "Insurance adjuster is coming Thursday.",
  "HOA needs approval for anything visible from the street.",
  "Can send photos by text.",
];

export const NOTES = [
  "Left voicemail, will try again tomorrow.",
  "Sent estimate by email.",
  "Customer wants two more quotes; follow up Friday.",
  "Booked inspection for Tuesday 9am.",
  "Insurance claim number on file.",
  "Prefers text messages over calls.",
  "Repeat customer — did their water heater in 2024.",
];

export const TAGS = ["storm-damage", "insurance", "repeat customer", "referral", "commercial", "warranty", "after-hours", "spanish", "hoa", "financing", "estimate-sent", "vip"];
