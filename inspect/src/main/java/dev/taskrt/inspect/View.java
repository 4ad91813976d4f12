package dev.taskrt.inspect;

/** One view of a recording, written as terminal text, as JSON and as a section of the page. */
interface View {
  /** The view's name on the command line and its key in the JSON document. */
  String name();

  /** Writes the view for a terminal. */
  void text(TextOut out);

  /** Writes the view's data as one JSON value. */
  void json(Json json);

  /** Writes the view as a {@code <section>} of the HTML page. */
  void html(Html html);
}
