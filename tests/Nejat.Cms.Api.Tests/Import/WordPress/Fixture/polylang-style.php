<?php
/*
 * The taxonomies Polylang registers to hold each post's language and its translation group, so the
 * fixture site exports them as a Polylang site does: a `language` term per language (slug = the
 * language code) and a `post_translations` term per group of translations (its description the
 * serialised map of language code to post id).
 */
add_action( 'init', function () {
	register_taxonomy( 'language', array( 'post', 'page' ), array(
		'public'    => false,
		'query_var' => 'lang',
		'rewrite'   => false,
	) );
	register_taxonomy( 'post_translations', array( 'post', 'page' ), array(
		'public'  => false,
		'rewrite' => false,
	) );
}, 0 );
