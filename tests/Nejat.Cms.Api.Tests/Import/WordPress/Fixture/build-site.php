<?php
/*
 * The fixture site, made with WordPress's own functions (run by build-fixture.sh, which provides the
 * database and the content directory): a bilingual news site in Farsi and English, one language per
 * post kept Polylang's way, with what the publisher's real site has — categories with sub-categories,
 * tags, bylines, featured images, captions, a [gallery], YouTube and Vimeo embeds, a block-editor post,
 * classic-editor posts, pages, menus with sub-menus — and the statuses WordPress knows. export_wp()
 * then writes the exports exactly as Tools → Export does.
 */

define( 'ABSPATH', '/usr/share/wordpress/' );
define( 'WP_CONTENT_DIR', getenv( 'WP_FIXTURE_CONTENT' ) );
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', 'fixture' );
define( 'DB_HOST', getenv( 'WP_FIXTURE_DB_HOST' ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
define( 'WP_HOME', 'http://www.nejat.example' );
define( 'WP_SITEURL', 'http://www.nejat.example' );
define( 'WP_DEBUG', false );
// build | export FILE [LAST_ID] [AFTER_ID] | edit | autop: export_wp() declares functions, so it runs once per process.
$mode = $argv[1] ?? 'build';
if ( 'build' === $mode ) {
	define( 'WP_INSTALLING', true );
}
$table_prefix = 'wp_';
$_SERVER['HTTP_HOST']   = 'www.nejat.example';
$_SERVER['SERVER_NAME'] = 'www.nejat.example';
$_SERVER['REQUEST_URI'] = '/';
$out = getenv( 'WP_FIXTURE_OUT' );

require ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/export.php';

// The exports, as Tools → Export writes them (export_wp() sends headers, which the command line ignores).
if ( 'export' === $mode ) {
	list( , , $file, $last_id, $after_id ) = array_pad( $argv, 5, '' );
	add_filter( 'query', function ( $query ) use ( $last_id, $after_id ) {
		global $wpdb;
		// The export's snapshot of post ids: one part of the site, as a split export has it.
		if ( 0 === strpos( $query, "SELECT ID FROM {$wpdb->posts}" ) ) {
			$query .= '' !== $last_id ? ' AND ID <= ' . (int) $last_id : '';
			$query .= '' !== $after_id ? ' AND ID > ' . (int) $after_id : '';
		}
		return $query;
	} );
	ob_start();
	export_wp( array( 'content' => 'all' ) );
	file_put_contents( $file, ob_get_clean() );
	exit( 0 );
}

// An edit in WordPress after the first export: the next export must update exactly that post.
if ( 'edit' === $mode ) {
	wp_set_current_user( 1 );
	$show = get_posts( array( 'title' => 'نمایشگاه کاریکاتور', 'post_type' => 'post' ) )[0];
	wp_update_post( array(
		'ID'           => $show->ID,
		'post_title'   => 'نمایشگاه کاریکاتور ۱۴۰۲',
		'post_content' => $show->post_content . "\n\nنمایشگاه تا پایان اسفند باز است.",
	) );
	exit( 0 );
}

// wpautop() on the cases its rules are about: what WordPress renders is the unit tests' reference.
if ( 'autop' === $mode ) {
	$cases = json_decode( file_get_contents( __DIR__ . '/autop-inputs.json' ), true );
	$autop = array();
	foreach ( $cases as $case ) {
		$autop[] = array( 'input' => $case, 'output' => wpautop( $case ) );
	}
	file_put_contents( "$out/autop-cases.json", json_encode( $autop, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES ) . "\n" );
	exit( 0 );
}

wp_install( 'نجات', 'admin', 'admin@nejat.example', true, '', 'fixture-password' );
wp_installing( false );
wp_set_current_user( 1 ); // an administrator: post content is stored as the editor typed it (unfiltered_html)

update_option( 'timezone_string', 'Asia/Tehran' );
update_option( 'permalink_structure', '/%year%/%monthnum%/%postname%/' );
update_option( 'blogdescription', 'اخبار و تفسیر' );
$GLOBALS['wp_rewrite']->init();

// WordPress's own first post, page and privacy draft are not part of the fixture.
foreach ( get_posts( array( 'post_type' => array( 'post', 'page' ), 'post_status' => 'any', 'numberposts' => -1 ) ) as $default ) {
	wp_delete_post( $default->ID, true );
}

// Bylines: WordPress users with display names in their own script.
$maryam = wp_insert_user( array(
	'user_login'   => 'maryam',
	'user_pass'    => 'fixture-password',
	'user_email'   => 'maryam@nejat.example',
	'display_name' => 'مریم رحیمی',
	'first_name'   => 'مریم',
	'last_name'    => 'رحیمی',
	'role'         => 'author',
) );
$john = wp_insert_user( array(
	'user_login'   => 'john.smith',
	'user_pass'    => 'fixture-password',
	'user_email'   => 'john@nejat.example',
	'display_name' => 'John Smith',
	'role'         => 'author',
) );

// Polylang's language terms and translation groups (see polylang-style.php).
$languages = array(
	'fa' => wp_insert_term( 'فارسی', 'language', array( 'slug' => 'fa', 'description' => serialize( array( 'locale' => 'fa_IR', 'rtl' => 1, 'flag_code' => 'ir' ) ) ) ),
	'en' => wp_insert_term( 'English', 'language', array( 'slug' => 'en', 'description' => serialize( array( 'locale' => 'en_US', 'rtl' => 0, 'flag_code' => 'us' ) ) ) ),
);
function translate_together( $group, array $posts ) {
	wp_insert_term( $group, 'post_translations', array( 'description' => serialize( $posts ) ) );
	foreach ( $posts as $language => $id ) {
		wp_set_object_terms( $id, $group, 'post_translations' );
	}
}
function in_language( $id, $language ) {
	wp_set_object_terms( $id, $language, 'language' );
	return $id;
}

// Categories (WordPress percent-encodes the Unicode slugs it makes from the names) and tags.
function category( $name, $parent = 0, $slug = '' ) {
	$term = wp_insert_term( $name, 'category', array_filter( array( 'parent' => $parent, 'slug' => $slug ) ) );
	return $term['term_id'];
}
$articles     = category( 'مقاله‌ها' );
$reports      = category( 'گزارش', $articles );
$media        = category( 'رسانه' );
$cartoons     = category( 'کاریکاتور', $media );
$videos       = category( 'ویدیو', $media );
$publications = category( 'انتشارات' );
$books        = category( 'کتاب‌ها', $publications ); // no posts: only the menu points to it
$en_articles  = category( 'Articles' );
$en_news      = category( 'News & Views' ); // stored by WordPress as "News &amp; Views"

// Media, uploaded into the March 2024 folder; WordPress makes its sizes (150×150, 300×200) with GD.
function jpeg_with_exif( $jpeg ) {
	// An APP1 Exif segment with a camera make and a GPS position, as a phone writes: the import must never serve it.
	$le16 = function ( $n ) { return pack( 'v', $n ); };
	$le32 = function ( $n ) { return pack( 'V', $n ); };
	$make = "FixtureCam\0";
	$ifd0_at = 8;
	$make_at = $ifd0_at + 2 + 2 * 12 + 4;
	$gps_at  = $make_at + strlen( $make ) + 1; // even offset
	$lat_at  = $gps_at + 2 + 4 * 12 + 4;
	$lon_at  = $lat_at + 24;
	$tiff  = 'II' . $le16( 42 ) . $le32( $ifd0_at );
	$tiff .= $le16( 2 );
	$tiff .= $le16( 0x010F ) . $le16( 2 ) . $le32( strlen( $make ) ) . $le32( $make_at );
	$tiff .= $le16( 0x8825 ) . $le16( 4 ) . $le32( 1 ) . $le32( $gps_at );
	$tiff .= $le32( 0 );
	$tiff .= $make . "\0";
	$tiff .= $le16( 4 );
	$tiff .= $le16( 1 ) . $le16( 2 ) . $le32( 2 ) . "N\0\0\0";
	$tiff .= $le16( 2 ) . $le16( 5 ) . $le32( 3 ) . $le32( $lat_at );
	$tiff .= $le16( 3 ) . $le16( 2 ) . $le32( 2 ) . "E\0\0\0";
	$tiff .= $le16( 4 ) . $le16( 5 ) . $le32( 3 ) . $le32( $lon_at );
	$tiff .= $le32( 0 );
	foreach ( array( 34, 20, 0, 62, 12, 0 ) as $degrees_minutes_seconds ) {
		$tiff .= $le32( $degrees_minutes_seconds ) . $le32( 1 );
	}
	$app1 = "Exif\0\0" . $tiff;
	return substr( $jpeg, 0, 2 ) . "\xFF\xE1" . pack( 'n', strlen( $app1 ) + 2 ) . $app1 . substr( $jpeg, 2 );
}
function picture( $width, $height, array $colour, $label, $type ) {
	$image = imagecreatetruecolor( $width, $height );
	imagefill( $image, 0, 0, imagecolorallocate( $image, $colour[0], $colour[1], $colour[2] ) );
	$light = imagecolorallocate( $image, 250, 250, 245 );
	imagefilledrectangle( $image, $width / 8, $height / 3, $width * 7 / 8, $height * 2 / 3, $light );
	imagestring( $image, 5, $width / 8 + 10, $height / 3 + 10, $label, imagecolorallocate( $image, 20, 20, 20 ) );
	ob_start();
	'png' === $type ? imagepng( $image, null, 9 ) : imagejpeg( $image, null, 60 );
	return ob_get_clean();
}
function attach( $file_name, $bits, array $post, $alt = '', $parent = 0 ) {
	$upload = wp_upload_bits( $file_name, null, $bits, '2024/03' );
	if ( $upload['error'] ) {
		fwrite( STDERR, $upload['error'] . "\n" );
		exit( 1 );
	}
	$type = wp_check_filetype( $upload['file'] );
	$id   = wp_insert_attachment( array_merge( array(
		'post_mime_type' => $type['type'],
		'post_status'    => 'inherit',
		'post_date'      => '2024-03-01 09:00:00',
	), $post ), $upload['file'], $parent );
	wp_update_attachment_metadata( $id, wp_generate_attachment_metadata( $id, $upload['file'] ) );
	if ( '' !== $alt ) {
		update_post_meta( $id, '_wp_attachment_image_alt', $alt );
	}
	return $id;
}
$herat_photo = attach( 'herat-houses.jpg', jpeg_with_exif( picture( 640, 427, array( 120, 80, 40 ), 'Herat houses', 'jpg' ) ),
	array( 'post_title' => 'خانه‌های هرات', 'post_excerpt' => 'خانه‌های قدیمی شهر هرات' ), 'خانه‌های گلی در هرات' );
$market_photo = attach( 'herat-market.jpg', picture( 640, 427, array( 40, 90, 130 ), 'Herat market', 'jpg' ),
	array( 'post_title' => 'بازار هرات', 'post_excerpt' => 'بازار سرپوشیده' ), 'بازار سرپوشیدهٔ هرات' );
$gallery_photos = array();
foreach ( array( 1 => array( 150, 40, 40 ), 2 => array( 40, 150, 40 ), 3 => array( 40, 40, 150 ) ) as $n => $colour ) {
	$gallery_photos[] = attach( "cartoon-$n.jpg", picture( 480, 360, $colour, "Cartoon $n", 'jpg' ),
		array( 'post_title' => "کاریکاتور $n", 'post_excerpt' => "کاریکاتور شمارهٔ $n" ), "کاریکاتور $n" );
}
$chart = attach( 'rights-chart.png', picture( 400, 300, array( 200, 180, 60 ), 'Chart', 'png' ),
	array( 'post_title' => 'نمودار', 'post_excerpt' => '' ), 'نمودار گزارش‌ها' );
$newsletter = attach( 'newsletter-2024-03.pdf',
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
	array( 'post_title' => 'خبرنامهٔ اسفند', 'post_excerpt' => '' ) );

function post( array $fields, $categories = array(), $tags = array() ) {
	$id = wp_insert_post( array_merge( array( 'post_status' => 'publish', 'post_type' => 'post' ), $fields, array(
		'post_category' => $categories,
		'tags_input'    => $tags,
	) ), true );
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() . "\n" );
		exit( 1 );
	}
	return $id;
}

// A block-editor post: paragraphs, a heading, an image, a list, a quote and a YouTube embed block.
$photo_report = in_language( post( array(
	'post_title'   => 'گزارش تصویری از هرات',
	'post_author'  => $maryam,
	'post_date'    => '2024-03-10 10:30:00',
	'post_excerpt' => 'گزارشی تصویری از محله‌های قدیمی.',
	'post_content' => implode( "\n\n", array(
		"<!-- wp:paragraph -->\n<p>محله‌های قدیمی هرات هنوز زنده‌اند.</p>\n<!-- /wp:paragraph -->",
		"<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">بازار</h2>\n<!-- /wp:heading -->",
		"<!-- wp:image {\"id\":$chart,\"sizeSlug\":\"full\",\"linkDestination\":\"none\"} -->\n<figure class=\"wp-block-image size-full\"><img src=\"" . wp_get_attachment_url( $chart ) . "\" alt=\"نمودار گزارش‌ها\" class=\"wp-image-$chart\"/><figcaption class=\"wp-element-caption\">نمودار گزارش‌ها در سال ۱۴۰۲</figcaption></figure>\n<!-- /wp:image -->",
		"<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>نخست</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>دوم</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->",
		"<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>شهر حافظهٔ ماست.</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->",
		"<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=aqz-KE-bpKQ\",\"type\":\"video\",\"providerNameSlug\":\"youtube\",\"responsive\":true} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=aqz-KE-bpKQ\n</div></figure>\n<!-- /wp:embed -->",
	) ),
), array( $articles, $reports ), array( 'حقوق بشر' ) ), 'fa' );

// A classic-editor post with a [gallery] of three cartoons and a Vimeo [embed].
$cartoon_show = in_language( post( array(
	'post_title'   => 'نمایشگاه کاریکاتور',
	'post_author'  => $maryam,
	'post_date'    => '2024-03-12 18:00:00',
	'post_content' => "سه کاریکاتور از نمایشگاه امسال.\n\n[gallery ids=\"" . implode( ',', $gallery_photos ) . "\" columns=\"3\" link=\"file\"]\n\n[embed]https://vimeo.com/76979871[/embed]\n\n<a href=\"" . get_attachment_link( $gallery_photos[0] ) . "\">صفحهٔ نخستین کاریکاتور</a>",
), array( $cartoons ), array( 'کاریکاتور', 'هنر' ) ), 'fa' );
foreach ( $gallery_photos as $photo ) {
	wp_update_post( array( 'ID' => $photo, 'post_parent' => $cartoon_show ) );
}

// Pages: About with a Contact child page (with a form plugin's shortcode this site no longer has).
$about = in_language( post( array(
	'post_type'    => 'page',
	'post_title'   => 'درباره ما',
	'post_author'  => 1,
	'post_date'    => '2024-01-05 09:00:00',
	'post_content' => "نجات یک رسانهٔ مستقل است.\n\nما از سال ۱۳۹۲ می‌نویسیم.",
) ), 'fa' );
$contact = in_language( post( array(
	'post_type'    => 'page',
	'post_title'   => 'تماس',
	'post_parent'  => $about,
	'post_author'  => 1,
	'post_date'    => '2024-01-05 09:05:00',
	'post_content' => "با ما در تماس باشید.\n\n[contact-form-7 id=\"5\" title=\"تماس با ما\"]",
) ), 'fa' );
$about_en = in_language( post( array(
	'post_type'    => 'page',
	'post_title'   => 'About us',
	'post_name'    => 'about-us',
	'post_author'  => 1,
	'post_date'    => '2024-01-05 09:10:00',
	'post_content' => "Nejat is an independent newsroom.\n\nWe have been writing since 2013.",
) ), 'en' );
translate_together( 'pll_65e1a0c3b1f7a', array( 'fa' => $about, 'en' => $about_en ) );

// The classic-editor lead story: paragraphs and a line break, a [caption], a YouTube URL on its own
// line, and links to the site's own posts, pages, archives and uploads, which the import rewrites.
$herat = in_language( post( array(
	'post_title'   => 'خانه‌ها در هرات',
	'post_author'  => $maryam,
	'post_date'    => '2024-03-15 08:15:00',
	'post_excerpt' => 'خانه‌های گلی هرات در برابر زمان.',
	'post_content' => implode( "\n\n", array(
		"خانه‌های گلی هرات <strong>صدها سال</strong> دوام آورده‌اند. <a href=\"" . get_permalink( $photo_report ) . "\">گزارش تصویری</a> را ببینید.\nسطر دوم همین بند.",
		"[caption id=\"attachment_$market_photo\" align=\"aligncenter\" width=\"300\"]<img class=\"size-medium wp-image-$market_photo\" src=\"" . wp_get_attachment_image_url( $market_photo, 'medium' ) . "\" alt=\"بازار سرپوشیدهٔ هرات\" width=\"300\" height=\"200\" /> بازار سرپوشیدهٔ هرات، اسفند ۱۴۰۲[/caption]",
		'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
		"پیوندها: <a href=\"" . home_url( '/?p=' . $cartoon_show ) . "\">نمایشگاه</a>، <a href=\"" . get_category_link( $articles ) . "\">مقاله‌ها</a>، <a href=\"" . get_term_link( 'حقوق بشر', 'post_tag' ) . "\">حقوق بشر</a>، <a href=\"" . wp_get_attachment_url( $newsletter ) . "\">خبرنامه</a>، <a href=\"" . get_permalink( $about ) . "\">درباره ما</a>، <a href=\"" . home_url( '/' ) . "\">صفحهٔ نخست</a> و <a href=\"https://fa.wikipedia.org/wiki/هرات\">ویکی‌پدیا</a>.",
		"<blockquote>خانه، حافظهٔ شهر است.</blockquote>",
		"<ul>\n<li>خشت</li>\n<li>چوب</li>\n</ul>",
	) ),
), array( $articles, $reports ), array( 'حقوق بشر', 'زنان' ) ), 'fa' );
set_post_thumbnail( $herat, $herat_photo );
stick_post( $herat );

$herat_en = in_language( post( array(
	'post_title'   => 'Houses in Herat',
	'post_name'    => 'houses-in-herat',
	'post_author'  => $john,
	'post_date'    => '2024-03-15 09:00:00',
	'post_excerpt' => 'The mud houses of Herat against time.',
	'post_content' => "Herat's mud houses have stood for centuries.\n\nRead the <a href=\"" . get_permalink( $herat ) . "\">Farsi original</a> and see <a href=\"" . get_permalink( $about_en ) . "\">About us</a>.",
), array( $en_articles, $en_news ), array( 'human rights' ) ), 'en' );
set_post_thumbnail( $herat_en, $herat_photo );
translate_together( 'pll_65e1a0c3b1f7b', array( 'fa' => $herat, 'en' => $herat_en ) );

// The other statuses: scheduled, draft (no slug yet), pending, private, trashed, password-protected.
in_language( post( array( 'post_title' => 'گزارش آینده', 'post_status' => 'future', 'post_author' => $maryam,
	'post_date' => '2031-05-01 10:00:00', 'post_content' => 'این گزارش بعداً منتشر می‌شود.' ), array( $articles ) ), 'fa' );
in_language( post( array( 'post_title' => 'پیش‌نویس یادداشت', 'post_status' => 'draft', 'post_author' => $maryam,
	'post_content' => 'هنوز کامل نیست.' ), array( $articles ) ), 'fa' );
in_language( post( array( 'post_title' => 'در انتظار بازبینی', 'post_status' => 'pending', 'post_author' => $maryam,
	'post_date' => '2024-03-16 12:00:00', 'post_content' => 'منتظر ویراستار.' ), array( $articles ) ), 'fa' );
in_language( post( array( 'post_title' => 'یادداشت خصوصی', 'post_status' => 'private', 'post_author' => $maryam,
	'post_date' => '2024-03-17 12:00:00', 'post_content' => 'فقط برای تحریریه.' ), array( $articles ) ), 'fa' );
$trashed = in_language( post( array( 'post_title' => 'خبر حذف‌شده', 'post_author' => $maryam,
	'post_date' => '2024-02-01 12:00:00', 'post_content' => 'این خبر حذف شد.' ), array( $articles ) ), 'fa' );
wp_trash_post( $trashed );
in_language( post( array( 'post_title' => 'گزارش محرمانه', 'post_password' => 'secret', 'post_author' => $maryam,
	'post_date' => '2024-03-18 12:00:00', 'post_content' => 'فقط با گذرواژه.' ), array( $articles ) ), 'fa' );

// Menus: the Farsi main menu with Media and Publications sub-menus, and the English one.
function menu_item( $menu, array $item, $parent = 0 ) {
	return wp_update_nav_menu_item( $menu, 0, array_merge( array( 'menu-item-status' => 'publish', 'menu-item-parent-id' => $parent ), $item ) );
}
$fa_menu = wp_create_nav_menu( 'منوی اصلی' );
menu_item( $fa_menu, array( 'menu-item-title' => 'خانه', 'menu-item-type' => 'custom', 'menu-item-url' => home_url( '/' ) ) );
menu_item( $fa_menu, array( 'menu-item-type' => 'taxonomy', 'menu-item-object' => 'category', 'menu-item-object-id' => $articles ) );
$media_item = menu_item( $fa_menu, array( 'menu-item-title' => 'رسانه', 'menu-item-type' => 'custom', 'menu-item-url' => '#' ) );
menu_item( $fa_menu, array( 'menu-item-title' => 'گزارش تصویری', 'menu-item-type' => 'post_type', 'menu-item-object' => 'post', 'menu-item-object-id' => $photo_report ), $media_item );
menu_item( $fa_menu, array( 'menu-item-type' => 'taxonomy', 'menu-item-object' => 'category', 'menu-item-object-id' => $cartoons ), $media_item );
menu_item( $fa_menu, array( 'menu-item-type' => 'taxonomy', 'menu-item-object' => 'category', 'menu-item-object-id' => $videos ), $media_item );
$publications_item = menu_item( $fa_menu, array( 'menu-item-title' => 'انتشارات', 'menu-item-type' => 'custom', 'menu-item-url' => '#' ) );
menu_item( $fa_menu, array( 'menu-item-type' => 'taxonomy', 'menu-item-object' => 'category', 'menu-item-object-id' => $books ), $publications_item );
menu_item( $fa_menu, array( 'menu-item-title' => 'نمایشگاه', 'menu-item-type' => 'custom', 'menu-item-url' => get_permalink( $cartoon_show ) ), $publications_item );
$about_item = menu_item( $fa_menu, array( 'menu-item-type' => 'post_type', 'menu-item-object' => 'page', 'menu-item-object-id' => $about ) );
menu_item( $fa_menu, array( 'menu-item-type' => 'post_type', 'menu-item-object' => 'page', 'menu-item-object-id' => $contact ), $about_item );
menu_item( $fa_menu, array( 'menu-item-title' => 'تلگرام', 'menu-item-type' => 'custom', 'menu-item-url' => 'https://t.me/nejat_fa' ) );
$en_menu = wp_create_nav_menu( 'Main menu' );
menu_item( $en_menu, array( 'menu-item-title' => 'Home', 'menu-item-type' => 'custom', 'menu-item-url' => home_url( '/' ) ) );
menu_item( $en_menu, array( 'menu-item-type' => 'taxonomy', 'menu-item-object' => 'category', 'menu-item-object-id' => $en_articles ) );
menu_item( $en_menu, array( 'menu-item-type' => 'post_type', 'menu-item-object' => 'page', 'menu-item-object-id' => $about_en ) );

echo $about . "\n"; // the last post of the first part of the split export
