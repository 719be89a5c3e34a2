package com.fourrunr.campaign.airtable;

import com.fasterxml.jackson.databind.JsonNode;

/** One record as Airtable lists it: its id and its fields (absent fields are empty in Airtable). */
record AirtableRecord(String id, JsonNode fields) {
  /**
   * A field as text: numbers and booleans written out, lists joined with {@code ; }, absent as
   * empty.
   */
  String text(String field) {
    JsonNode v = fields.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (v.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode item : v) {
        String s = scalar(item);
        if (!s.isBlank()) {
          sb.append(sb.length() == 0 ? "" : "; ").append(s);
        }
      }
      return sb.toString();
    }
    return scalar(v);
  }

  private static String scalar(JsonNode v) {
    if (v.isValueNode()) {
      return v.asText();
    }
    // collaborators, attachments and the like: their name, else their text form
    JsonNode name = v.get("name");
    return name != null && name.isValueNode() ? name.asText() : v.toString();
  }
}
