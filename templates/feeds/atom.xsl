<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed of this site as a readable page when a browser opens it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8"/>
  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> (feed)</title>
        <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1a1a2e}.about{background:#eef2ff;padding:.75rem 1rem;border-radius:.5rem}li{margin-bottom:1rem;overflow-wrap:anywhere}time{color:#555}</style>
      </head>
      <body>
        <h1><xsl:value-of select="atom:title"/></h1>
        <p class="about">This is an Atom feed. To follow it, copy this page's address into a feed reader. <a href="{atom:link[@rel='alternate']/@href}">Back to the site</a></p>
        <p><xsl:value-of select="atom:subtitle"/></p>
        <ol>
          <xsl:for-each select="atom:entry">
            <li>
              <a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a><br/>
              Happened <time><xsl:value-of select="substring(atom:published, 1, 10)"/></time>
            </li>
          </xsl:for-each>
        </ol>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
