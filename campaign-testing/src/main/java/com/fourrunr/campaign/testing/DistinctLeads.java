package com.fourrunr.campaign.testing;

import com.fourrunr.campaign.Lead;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic leads for tests and benchmarks at volume: every lead has its own company name, company
 * description and pair of services, while first names, titles, industries, sizes and cities come
 * from short lists, as in a real list. Deterministic: lead {@code n} is always the same.
 *
 * <pre>{@code
 * for (Lead lead : DistinctLeads.first(10_000)) { ... }
 * }</pre>
 */
public final class DistinctLeads {
  private static final String[] CONSONANTS = {
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "ch",
    "sh", "gr"
  };
  private static final String[] VOWELS = {"a", "e", "i", "o", "u"};
  private static final String[] SUFFIXES = {
    "Analytics", "Logistics", "Labs", "Works", "Partners", "Systems", "Health", "Foods", "Studio",
    "Energy", "Robotics", "Freight", "Clinics", "Legal", "Bau", "Capital", "Group", "Co",
    "Software", "Marine"
  };
  private static final String[] MODIFIERS = {
    "Cross-border",
    "Same-day",
    "Regional",
    "Commercial",
    "Residential",
    "Cold-chain",
    "Mobile",
    "Industrial",
    "Offshore",
    "Rooftop",
    "Custom",
    "Managed",
    "Outdoor",
    "Organic",
    "Predictive",
    "Automated",
    "Local",
    "Wholesale",
    "Specialist",
    "Preventive",
    "Modular",
    "Digital",
    "Sustainable",
    "Precision",
    "Contract",
    "Seasonal",
    "Express",
    "Bespoke",
    "Mid-market",
    "Enterprise",
    "Small-batch",
    "Field",
    "Remote",
    "Urban",
    "Rural",
    "Private",
    "Shared",
    "Certified",
    "Refurbished",
    "Heritage"
  };
  private static final String[] NOUNS = {
    "trucking",
    "dentistry",
    "payroll",
    "forecasting",
    "warehousing",
    "solar installs",
    "insurance",
    "catering",
    "bookkeeping",
    "recruiting",
    "roofing",
    "physiotherapy",
    "coaching",
    "translation",
    "inspections",
    "printing",
    "landscaping",
    "plumbing",
    "security audits",
    "web design",
    "tax advice",
    "crop protection",
    "vessel maintenance",
    "fleet leasing",
    "event staffing",
    "interior fit-outs",
    "cloud hosting",
    "data migration",
    "lab testing",
    "packaging",
    "tutoring",
    "veterinary care",
    "car rentals",
    "furniture",
    "coffee roasting",
    "wine exports",
    "surfboards",
    "timber frames",
    "hotel stays",
    "courier runs"
  };
  private static final String[] VERBS = {
    "runs",
    "builds",
    "offers",
    "designs",
    "supplies",
    "provides",
    "delivers",
    "operates",
    "sells",
    "manages"
  };
  private static final String[] CUSTOMERS = {
    "mid-size retailers",
    "family businesses",
    "regional hospitals",
    "online shops",
    "local councils",
    "growing start-ups",
    "independent hotels",
    "farm cooperatives",
    "property managers",
    "manufacturers",
    "schools",
    "law firms",
    "restaurants",
    "fleet operators",
    "clinics",
    "architects"
  };
  private static final String[] REGIONS = {
    "southern Germany",
    "New England",
    "East Africa",
    "the Nordics",
    "northern Italy",
    "Ontario",
    "the Gulf",
    "South Asia",
    "Brazil",
    "the Pacific Northwest",
    "Scotland",
    "Bavaria",
    "Texas",
    "the Alps",
    "Lagos",
    "Kyushu",
    "Catalonia",
    "Victoria",
    "Chile",
    "the Midlands"
  };
  private static final String[] FIRST = {
    "Ada",
    "Mateo",
    "Priya",
    "Lukas",
    "Sophie",
    "James",
    "Emily",
    "Tom",
    "Aiko",
    "Liam",
    "Grace",
    "Rafael",
    "Hannah",
    "Noah",
    "Olivia",
    "Ahmed",
    "Chloe",
    "Daniel",
    "Isabella",
    "Marcus",
    "Sara",
    "Kofi",
    "Mei",
    "Ivan",
    "Lucia",
    "Omar",
    "Nina",
    "Felix",
    "Zara",
    "Jonas"
  };
  private static final String[] LAST = {
    "Okafor", "Fernandez", "Raman", "Becker", "Martin", "Whitaker", "Chen", "Gallagher", "Tanaka",
    "Brien", "Mwangi", "Souza", "Schmidt", "Williams", "Brown", "Mansouri", "Dubois", "Kim",
    "Rossi", "Johnson", "Lindqvist", "Mensah", "Wong", "Petrov", "Garcia"
  };
  private static final String[] TITLES = {
    "Head of Growth",
    "COO",
    "Founder",
    "Managing Director",
    "Marketing Director",
    "VP Sales",
    "Operations Lead",
    "CEO",
    "Director of Partnerships",
    "Head of Marketing",
    "CTO",
    "Commercial Director",
    "Practice Manager",
    "Owner",
    "Head of Sales"
  };
  private static final String[] INDUSTRIES = {
    "Logistics",
    "Healthcare",
    "Software",
    "Construction",
    "Retail",
    "Insurance",
    "Legal Services",
    "Manufacturing",
    "E-commerce",
    "Fintech",
    "Agriculture",
    "Hospitality",
    "Maritime",
    "Interior Design",
    "Electronics",
    "Food & Beverage",
    "Energy",
    "Education",
    "Real Estate",
    "Professional Services"
  };
  private static final String[] SIZES = {
    "1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5000+"
  };
  private static final String[] CITIES = {
    "Lagos",
    "Santiago",
    "Bengaluru",
    "Munich",
    "Lyon",
    "Boston",
    "San Francisco",
    "Dublin",
    "Osaka",
    "Sydney",
    "Nairobi",
    "Sao Paulo",
    "Zurich",
    "Calgary",
    "London",
    "Dubai",
    "Montreal",
    "Seoul",
    "Florence",
    "Chicago",
    "Oslo",
    "Accra",
    "Lisbon",
    "Austin",
    "Hamburg"
  };
  private static final String[] TONES = {"", "", "formal", "warm"};

  private DistinctLeads() {}

  /** Leads 0 to {@code count - 1}. */
  public static List<Lead> first(int count) {
    List<Lead> leads = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      leads.add(lead(i));
    }
    return leads;
  }

  /**
   * Lead number {@code n} (0 to 999,999): its company name, description and services are not those
   * of any other lead of that range.
   */
  public static Lead lead(int n) {
    if (n < 0 || n >= 1_000_000) {
      throw new IllegalArgumentException("n: " + n + " is not between 0 and 999999");
    }
    // A made-up word of up to four syllables, one per base-100 digit of n: distinct for every n.
    StringBuilder word = new StringBuilder();
    int rest = n;
    do {
      int syllable = rest % 100;
      word.append(CONSONANTS[syllable / 5]).append(VOWELS[syllable % 5]);
      rest /= 100;
    } while (rest > 0);
    word.append(CONSONANTS[(n * 7) % CONSONANTS.length].charAt(0));
    String name = Character.toUpperCase(word.charAt(0)) + word.substring(1);
    String company = name + " " + SUFFIXES[(n / 3) % SUFFIXES.length];
    int first = n % (MODIFIERS.length * NOUNS.length);
    int second =
        (n / (MODIFIERS.length * NOUNS.length) * 37 + first + 1)
            % (MODIFIERS.length * NOUNS.length);
    String service1 = service(first);
    String service2 = service(second);
    String description =
        company
            + " "
            + VERBS[(n / 7) % VERBS.length]
            + " "
            + service1.toLowerCase(java.util.Locale.ROOT)
            + " for "
            + CUSTOMERS[(n / 11) % CUSTOMERS.length]
            + " in "
            + REGIONS[(n / 13) % REGIONS.length]
            + ".";
    return Lead.builder("L-" + n, "person" + n + "@" + word + ".example")
        .firstName(FIRST[n % FIRST.length])
        .lastName(LAST[(n / 3) % LAST.length])
        .title(TITLES[(n / 5) % TITLES.length])
        .company(company)
        .industry(INDUSTRIES[(n / 2) % INDUSTRIES.length])
        .companySize(SIZES[(n / 17) % SIZES.length])
        .city(CITIES[(n / 19) % CITIES.length])
        .companyDescription(description)
        .topServices(List.of(service1, service2))
        .tone(TONES[(n / 23) % TONES.length])
        .build();
  }

  private static String service(int k) {
    return MODIFIERS[k % MODIFIERS.length] + " " + NOUNS[k / MODIFIERS.length];
  }
}
